package com.tamarack.claims.payout

import com.tamarack.claims.claim.ClaimRepository
import com.tamarack.claims.payments.PaymentGatewayClient
import com.tamarack.claims.payments.PayoutRequest
import org.slf4j.LoggerFactory
import org.springframework.stereotype.Service

@Service
class PayoutService(
    private val claims: ClaimRepository,
    private val gateway: PaymentGatewayClient,
) {
    private val log = LoggerFactory.getLogger(javaClass)

    fun settle(claimId: String): SettlementResult {
        val claim = claims.findApproved(claimId) ?: return SettlementResult.NotApproved(claimId)
        return try {
            val payout = gateway.createPayout(
                PayoutRequest(claim.id, claim.policyNumber, claim.approvedAmountMinor, claim.currency, claim.payeeIban),
            )
            claims.markPaid(claim.id, payout.payoutId)
            log.info("Payout accepted claim={} payoutId={} amountMinor={}", claim.id, payout.payoutId, claim.approvedAmountMinor)
            SettlementResult.Paid(claim.id, payout.payoutId)
        } catch (e: Exception) {
            log.error("Payout failed for claim {}", claim.id, e)
            SettlementResult.GatewayError(claim.id, e.message ?: e.javaClass.simpleName)
        }
    }
}

sealed interface SettlementResult {
    data class Paid(val claimId: String, val payoutId: String) : SettlementResult
    data class NotApproved(val claimId: String) : SettlementResult
    data class GatewayError(val claimId: String, val reason: String) : SettlementResult
}
