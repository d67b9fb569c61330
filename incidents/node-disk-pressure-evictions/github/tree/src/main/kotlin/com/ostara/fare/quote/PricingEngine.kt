package com.ostara.fare.quote

import io.lettuce.core.RedisClient
import kotlinx.serialization.Serializable
import java.util.UUID

@Serializable
data class QuoteRequest(val product: String, val pickupLat: Double, val pickupLon: Double, val dropoffLat: Double, val dropoffLon: Double)

@Serializable
data class Quote(val id: String, val zone: String, val fareCents: Long, val surge: Double)

class PricingEngine(private val zones: ZoneIndex, private val redis: RedisClient, val redisHost: String) {
    val zoneCount: Int get() = zones.size

    fun quote(req: QuoteRequest): Quote {
        val zone = zones.locate(req.pickupLat, req.pickupLon)
        val base = zone.baseFareCents + zone.perKmCents * Geo.km(req.pickupLat, req.pickupLon, req.dropoffLat, req.dropoffLon).toLong()
        val surge = surgeFor(zone.id) * if (zone.isAirport) AIRPORT_MULTIPLIER else 1.0
        return Quote("q_" + UUID.randomUUID().toString().take(12), zone.id, (base * surge).toLong(), surge)
    }

    private fun surgeFor(zoneId: String): Double =
        redis.connect().use { it.sync().get("surge:$zoneId")?.toDoubleOrNull() } ?: 1.0

    companion object {
        /** Airport pickups carry the airport access fee as a multiplier (policy FARE-88). */
        const val AIRPORT_MULTIPLIER = 1.12

        fun fromEnvironment(): PricingEngine {
            val host = System.getenv("REDIS_HOST") ?: "fare-redis.pricing.svc"
            return PricingEngine(ZoneIndex.load("/app/zones.geojson"), RedisClient.create("redis://$host:6379"), host)
        }
    }
}
