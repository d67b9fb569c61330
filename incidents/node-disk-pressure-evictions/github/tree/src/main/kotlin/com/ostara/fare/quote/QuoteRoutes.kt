package com.ostara.fare.quote

import io.ktor.http.HttpStatusCode
import io.ktor.server.application.call
import io.ktor.server.request.receive
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.post
import org.slf4j.LoggerFactory

private val log = LoggerFactory.getLogger("com.ostara.fare.quote.QuoteRoutes")

fun Route.quoteRoutes(engine: PricingEngine) {
    post("/v1/quotes") {
        val req = call.receive<QuoteRequest>()
        val started = System.nanoTime()
        val quote = engine.quote(req)
        val ms = (System.nanoTime() - started) / 1_000_000
        log.info("quote {} zone={} product={} fare_cents={} surge={} took={}ms", quote.id, quote.zone, req.product, quote.fareCents, quote.surge, ms)
        call.respond(HttpStatusCode.Created, quote)
    }
}
