package com.parcelwise.eta.health

import io.ktor.http.*
import io.ktor.server.application.*
import io.ktor.server.response.*
import io.ktor.server.routing.*
import java.util.concurrent.atomic.AtomicBoolean

class ReadinessState {
    private val ready = AtomicBoolean(false)
    fun markReady() = ready.set(true)
    fun isReady(): Boolean = ready.get()
}

/**
 * Health endpoints probed by the kubelet (see deploy/k8s/deployment.yaml).
 *
 * - `/healthz`: liveness. 200 as long as the process can answer HTTP; a failure
 *   makes the kubelet restart the container.
 * - `/readyz`: readiness. 503 until the carrier cutoffs are warmed up; a failure
 *   only takes the pod out of the Service endpoints.
 */
fun Route.healthChecks(readiness: ReadinessState) {
    get("/healthz") {
        call.respondText("""{"status":"UP"}""", ContentType.Application.Json)
    }
    get("/readyz") {
        if (readiness.isReady()) {
            call.respondText("""{"status":"UP"}""", ContentType.Application.Json)
        } else {
            call.respondText(
                """{"status":"WARMING_UP"}""",
                ContentType.Application.Json,
                HttpStatusCode.ServiceUnavailable,
            )
        }
    }
}
