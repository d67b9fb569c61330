package com.copperleaf.origination.fraud

import com.copperleaf.origination.http.OutboundHeaders
import io.ktor.client.HttpClient
import io.ktor.client.call.body
import io.ktor.client.request.header
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.http.ContentType
import io.ktor.http.contentType

/** Client of the Sentinel fraud-scoring SaaS. */
class FraudClient(private val http: HttpClient, private val baseUrl: String, private val token: String) {

    suspend fun score(application: FraudScoreRequest, requestId: String): FraudScore =
        http.post("$baseUrl/v1/score") {
            header(OutboundHeaders.REQUEST_ID, requestId)
            header(OutboundHeaders.API_KEY, token)
            contentType(ContentType.Application.Json)
            setBody(application)
        }.body()
}
