package com.parcelwise.eta

import com.parcelwise.eta.health.ReadinessState
import com.parcelwise.eta.health.healthChecks
import com.parcelwise.eta.plugins.configureMonitoring
import com.parcelwise.eta.plugins.configureSerialization
import com.parcelwise.eta.routes.etaRoutes
import io.ktor.server.application.*
import io.ktor.server.routing.*

fun main(args: Array<String>): Unit = io.ktor.server.netty.EngineMain.main(args)

@Suppress("unused")
fun Application.module() {
    val readiness = ReadinessState()
    configureSerialization()
    configureMonitoring()

    val etaService = EtaService.fromConfig(environment.config)
    environment.monitor.subscribe(ApplicationStarted) {
        etaService.warmUp()
        readiness.markReady()
    }

    routing {
        healthChecks(readiness)
        etaRoutes(etaService)
    }
}
