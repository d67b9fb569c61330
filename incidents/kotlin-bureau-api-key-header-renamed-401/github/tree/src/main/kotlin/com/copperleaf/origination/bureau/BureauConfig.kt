package com.copperleaf.origination.bureau

import io.ktor.server.config.ApplicationConfig
import kotlin.time.Duration
import kotlin.time.Duration.Companion.milliseconds

data class BureauConfig(
    val baseUrl: String,
    val apiKey: String,
    val tenant: String,
    val timeout: Duration,
) {
    override fun toString() = "BureauConfig(baseUrl=$baseUrl, tenant=$tenant, timeout=$timeout, apiKey=***)"

    companion object {
        fun from(config: ApplicationConfig) = BureauConfig(
            baseUrl = config.property("bureau.baseUrl").getString(),
            apiKey = config.property("bureau.apiKey").getString(),
            tenant = config.property("bureau.tenant").getString(),
            timeout = config.property("bureau.timeoutMs").getString().toLong().milliseconds,
        )
    }
}
