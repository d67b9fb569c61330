package com.tamarack.claims.claim

import org.springframework.web.bind.annotation.GetMapping
import org.springframework.web.bind.annotation.PathVariable
import org.springframework.web.bind.annotation.RestController

@RestController
class ClaimHistoryController(private val claims: ClaimRepository) {

    @GetMapping("/v1/claims/{claimId}/history")
    fun history(@PathVariable claimId: String): List<ClaimStatusChange> = claims.statusHistory(claimId)
}
