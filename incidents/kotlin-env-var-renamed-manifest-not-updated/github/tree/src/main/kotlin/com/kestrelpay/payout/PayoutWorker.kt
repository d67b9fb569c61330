package com.kestrelpay.payout

import com.kestrelpay.payout.bank.BankApiException
import com.kestrelpay.payout.bank.BankClient
import com.kestrelpay.payout.bank.TransferRequest
import org.slf4j.LoggerFactory

class PayoutWorker(
    private val bank: BankClient,
    private val store: PayoutStore,
    private val cfg: AppConfig,
) {
    private val log = LoggerFactory.getLogger(PayoutWorker::class.java)

    suspend fun handle(event: PayoutRequested) {
        val attempt = store.nextAttempt(event.payoutId)
        try {
            val result = bank.submitTransfer(TransferRequest.from(event))
            store.markSubmitted(event.payoutId, result.bankReference)
            log.info("payout {} submitted to bank ref={} amount={} {}", event.payoutId, result.bankReference, event.amountMinor, event.currency)
        } catch (e: BankApiException) {
            log.warn("payout {} rejected by bank status={} (attempt {}/{})", event.payoutId, e.status, attempt, cfg.maxAttempts)
            store.scheduleRetry(event.payoutId, attempt)
        } catch (e: Exception) {
            log.error("payout {} failed (attempt {}/{})", event.payoutId, attempt, cfg.maxAttempts, e)
            if (attempt >= cfg.maxAttempts) store.deadLetter(event.payoutId, e.message) else store.scheduleRetry(event.payoutId, attempt)
        }
    }
}
