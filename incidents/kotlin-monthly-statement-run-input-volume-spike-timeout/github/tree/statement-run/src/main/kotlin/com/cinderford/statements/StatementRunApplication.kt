package com.cinderford.statements

import org.springframework.boot.autoconfigure.SpringBootApplication
import org.springframework.boot.context.properties.ConfigurationPropertiesScan
import org.springframework.boot.runApplication
import kotlin.system.exitProcess

@SpringBootApplication
@ConfigurationPropertiesScan
class StatementRunApplication

fun main(args: Array<String>) {
    exitProcess(org.springframework.boot.SpringApplication.exit(runApplication<StatementRunApplication>(*args)))
}
