package com.tidewater.loyalty.routes

import com.tidewater.loyalty.points.PointsRepository
import io.ktor.http.HttpStatusCode
import io.ktor.server.application.call
import io.ktor.server.response.respond
import io.ktor.server.routing.Route
import io.ktor.server.routing.get
import io.ktor.server.routing.route
import kotlinx.coroutines.TimeoutCancellationException
import kotlinx.coroutines.withTimeout
import org.slf4j.LoggerFactory

private val log = LoggerFactory.getLogger("com.tidewater.loyalty.routes.PointsRoutes")

fun Route.pointsRoutes(repo: PointsRepository) {
    route("/v1/members/{memberId}/points") {
        get {
            val memberId = call.parameters["memberId"]?.toLongOrNull()
                ?: return@get call.respond(HttpStatusCode.BadRequest)
            val balance = try {
                withTimeout(3_000) { repo.balance(memberId) }
            } catch (e: TimeoutCancellationException) {
                log.warn("points balance lookup timed out memberId={} after 3000ms", memberId)
                throw e
            }
            call.respond(balance)
        }
        get("/history") {
            val memberId = call.parameters["memberId"]?.toLongOrNull()
                ?: return@get call.respond(HttpStatusCode.BadRequest)
            val limit = call.request.queryParameters["limit"]?.toIntOrNull()?.coerceIn(1, 100) ?: 20
            call.respond(withTimeout(3_000) { repo.history(memberId, limit) })
        }
    }
}
