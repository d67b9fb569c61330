package com.tamarack.claims.config

import org.springframework.boot.context.properties.ConfigurationProperties
import java.net.URI

@ConfigurationProperties(prefix = "integrations.fraud-screening")
data class FraudScreeningProperties(val baseUrl: URI, val apiKey: String)

@ConfigurationProperties(prefix = "integrations.document-store")
data class DocumentStoreProperties(val baseUrl: URI, val container: String)
