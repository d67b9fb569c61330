package com.parcelwise.eta.routes

import com.parcelwise.eta.EtaService
import io.ktor.http.*
import io.ktor.server.application.*
import io.ktor.server.response.*
import io.ktor.server.routing.*

fun Route.etaRoutes(eta: EtaService) {
    route("/v1/eta") {
        get("/{parcelId}") {
            val parcelId = call.parameters["parcelId"]!!
            val estimate = eta.estimate(parcelId)
                ?: return@get call.respond(HttpStatusCode.NotFound, mapOf("error" to "unknown parcel"))
            call.respond(estimate)
        }
    }
}
