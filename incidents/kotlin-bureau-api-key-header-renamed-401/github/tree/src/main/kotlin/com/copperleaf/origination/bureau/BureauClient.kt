package com.copperleaf.origination.bureau

import com.copperleaf.origination.http.OutboundHeaders
import io.ktor.client.HttpClient
import io.ktor.client.call.body
import io.ktor.client.plugins.timeout
import io.ktor.client.request.header
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.client.statement.bodyAsText
import io.ktor.http.ContentType
import io.ktor.http.contentType
import io.ktor.http.isSuccess
import org.slf4j.LoggerFactory
import kotlin.time.TimeSource

/**
 * Client of credit-bureau-proxy, which fronts the two external bureaus and
 * authenticates its callers with a per-service API key.
 */
class BureauClient(private val http: HttpClient, private val config: BureauConfig) {
    private val log = LoggerFactory.getLogger(BureauClient::class.java)

    suspend fun fetchReport(applicant: ApplicantRef, requestId: String): CreditReport {
        val mark = TimeSource.Monotonic.markNow()
        val response = http.post("${config.baseUrl}/v2/credit-reports") {
            header(OutboundHeaders.REQUEST_ID, requestId)
            header(OutboundHeaders.API_KEY, config.apiKey)
            header(OutboundHeaders.TENANT, config.tenant)
            contentType(ContentType.Application.Json)
            setBody(ReportRequest(applicant.nationalIdHash, applicant.dateOfBirth, consent = true))
            timeout { requestTimeoutMillis = config.timeout.inWholeMilliseconds }
        }
        val elapsed = mark.elapsedNow()

        if (!response.status.isSuccess()) {
            val body = response.bodyAsText().take(300)
            log.error(
                "credit bureau answered {} for POST /v2/credit-reports (elapsed={}, timeout={}): {}",
                response.status, elapsed.toIsoString(), config.timeout.toIsoString(), body,
            )
            throw BureauException("credit bureau answered ${response.status}", response.status.value)
        }
        log.info("credit report received in {}", elapsed.toIsoString())
        return response.body()
    }
}

class BureauException(message: String, val status: Int) : RuntimeException(message)
