package com.tamarack.claims.payout

import org.springframework.http.HttpStatus
import org.springframework.http.ResponseEntity
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.PostMapping
import org.springframework.web.bind.annotation.RestController

@RestController
class PayoutController(private val payouts: PayoutService) {

    @PostMapping("/v1/claims/{claimId}/settle")
    fun settle(@PathVariable claimId: String): ResponseEntity<Any> =
        when (val result = payouts.settle(claimId)) {
            is SettlementResult.Paid -> ResponseEntity.ok(result)
            is SettlementResult.NotApproved -> ResponseEntity.status(HttpStatus.CONFLICT).body(result)
            is SettlementResult.GatewayError -> ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(result)
        }
}
