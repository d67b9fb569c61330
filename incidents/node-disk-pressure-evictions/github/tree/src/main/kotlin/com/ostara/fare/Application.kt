package com.ostara.fare

import com.ostara.fare.quote.PricingEngine
import com.ostara.fare.quote.quoteRoutes
import io.ktor.serialization.kotlinx.json.json
import io.ktor.server.application.Application
import io.ktor.server.application.install
import io.ktor.server.engine.embeddedServer
import io.ktor.server.metrics.micrometer.MicrometerMetrics
import io.ktor.server.netty.Netty
import io.ktor.server.plugins.contentnegotiation.ContentNegotiation
import io.ktor.server.response.respondText
import io.ktor.server.routing.get
import io.ktor.server.routing.routing
import io.micrometer.prometheus.PrometheusConfig
import io.micrometer.prometheus.PrometheusMeterRegistry
import org.slf4j.LoggerFactory

private val log = LoggerFactory.getLogger("com.ostara.fare.Application")

fun main() {
    embeddedServer(Netty, port = 8080, module = Application::module).start(wait = true)
}

fun Application.module() {
    val registry = PrometheusMeterRegistry(PrometheusConfig.DEFAULT)
    install(MicrometerMetrics) { this.registry = registry }
    install(ContentNegotiation) { json() }
    val engine = PricingEngine.fromEnvironment()
    log.info("fare-quote-service {} started, zones={}, redis={}", BuildInfo.VERSION, engine.zoneCount, engine.redisHost)
    routing {
        quoteRoutes(engine)
        get("/metrics") { call.respondText(registry.scrape()) }
        get("/healthz") { call.respondText("ok") }
    }
}
