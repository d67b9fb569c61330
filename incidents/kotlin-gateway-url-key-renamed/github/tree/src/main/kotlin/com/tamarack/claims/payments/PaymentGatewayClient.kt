package com.tamarack.claims.payments

import org.slf4j.LoggerFactory
import org.springframework.beans.factory.annotation.Value
import org.springframework.stereotype.Component
import org.springframework.web.reactive.function.client.WebClient
import org.springframework.web.reactive.function.client.WebClientRequestException
import org.springframework.web.reactive.function.client.bodyToMono
import reactor.util.retry.Retry
import java.time.Duration

/** Blocking facade over payments-gateway (owned by Platform Payments). */
@Component
class PaymentGatewayClient(
    builder: WebClient.Builder,
    @Value("\${payments.gateway.base-url:http://localhost:8080}") private val baseUrl: String,
    @Value("\${payments.gateway.read-timeout:10s}") private val readTimeout: Duration,
) {
    private val log = LoggerFactory.getLogger(javaClass)
    private val webClient = builder.baseUrl(baseUrl).build()

    init {
        log.info("PaymentGatewayClient initialised baseUrl={} readTimeout={}", baseUrl, readTimeout)
    }

    fun createPayout(request: PayoutRequest): PayoutResponse =
        webClient.post()
            .uri("/v2/payouts")
            // payments-gateway de-duplicates on this key for 24 h, so a retried settle never pays twice
            .header("Idempotency-Key", "claim-${request.claimId}")
            .bodyValue(request)
            .retrieve()
            .bodyToMono<PayoutResponse>()
            .timeout(readTimeout)
            .retryWhen(
                Retry.backoff(2, Duration.ofMillis(250))
                    .filter { it is WebClientRequestException }
                    .doBeforeRetry {
                        log.warn(
                            "payments-gateway call failed, retrying (attempt {}): {}",
                            it.totalRetries() + 1, it.failure().message,
                        )
                    },
            )
            .block()!!
}

data class PayoutRequest(
    val claimId: String,
    val policyNumber: String,
    val amountMinor: Long,
    val currency: String,
    val payeeIban: String,
)

data class PayoutResponse(val payoutId: String, val status: String)
