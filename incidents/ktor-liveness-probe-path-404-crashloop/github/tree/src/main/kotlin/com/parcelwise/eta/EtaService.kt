package com.parcelwise.eta

import io.ktor.server.config.*

class EtaService(
    private val carriers: List<String>,
    private val trackingBaseUrl: String,
    private val configuredCutoffs: Map<String, Int> = emptyMap(),
) {
    private val cutoffs = mutableMapOf<String, Int>()

    fun warmUp() {
        carriers.forEach { cutoffs[it] = configuredCutoffs[it] ?: 17 }
    }

    fun estimate(parcelId: String): Estimate? {
        if (!parcelId.startsWith("PW")) return null
        val carrier = carriers[(parcelId.hashCode() and 0x7fffffff) % carriers.size]
        return Estimate(parcelId, carrier, cutoffs[carrier] ?: 17)
    }

    companion object {
        fun fromConfig(config: ApplicationConfig) = EtaService(
            config.property("eta.carriers").getList(),
            config.property("eta.trackingBaseUrl").getString(),
            config.config("eta.cutoffs").toMap().mapValues { (_, v) -> v.toString().toInt() },
        )
    }
}
