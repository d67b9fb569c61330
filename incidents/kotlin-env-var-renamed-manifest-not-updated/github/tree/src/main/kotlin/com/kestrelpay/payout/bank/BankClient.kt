package com.kestrelpay.payout.bank

import com.kestrelpay.payout.BankConfig
import io.ktor.client.HttpClient
import io.ktor.client.call.body
import io.ktor.client.request.header
import io.ktor.client.request.post
import io.ktor.client.request.setBody
import io.ktor.client.statement.HttpResponse
import io.ktor.http.ContentType
import io.ktor.http.HttpHeaders
import io.ktor.http.HttpStatusCode
import io.ktor.http.URLBuilder
import io.ktor.http.Url
import io.ktor.http.contentType
import io.ktor.http.isSuccess

/**
 * Client of the partner bank's payments API (Faster Payments / SEPA Instant).
 */
class BankClient(private val cfg: BankConfig, private val http: HttpClient, private val tokens: TokenSource) {

    private val base: Url by lazy {
        require(cfg.baseUrl.startsWith("https://")) { "invalid API base URL '${cfg.baseUrl}'" }
        Url(cfg.baseUrl)
    }

    suspend fun submitTransfer(request: TransferRequest): TransferResult {
        val url = URLBuilder(base).apply { pathSegments = pathSegments + listOf("v3", "payments") }.build()
        val response = http.post(url) {
            contentType(ContentType.Application.Json)
            header("Authorization", "Bearer ${tokens.current()}")
            header("Idempotency-Key", request.payoutId)
            setBody(request)
        }
        return when {
            response.status.isSuccess() -> response.body<TransferResult>()
            response.status == HttpStatusCode.Conflict -> TransferResult.duplicate(request.payoutId)
            response.status == HttpStatusCode.TooManyRequests || response.status == HttpStatusCode.ServiceUnavailable ->
                throw BankApiException(response.status.value, response.body<String>(), retryAfterSeconds(response))
            else -> throw BankApiException(response.status.value, response.body<String>())
        }
    }

    private fun retryAfterSeconds(response: HttpResponse): Long? =
        response.headers[HttpHeaders.RetryAfter]?.toLongOrNull()?.coerceIn(1, 300)
}

class BankApiException(val status: Int, body: String, val retryAfterSeconds: Long? = null) :
    RuntimeException("bank API answered $status: ${body.take(200)}")
