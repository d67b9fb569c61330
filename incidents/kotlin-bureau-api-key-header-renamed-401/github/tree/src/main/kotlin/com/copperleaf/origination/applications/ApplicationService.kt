package com.copperleaf.origination.applications

import com.copperleaf.origination.bureau.ApplicantRef
import com.copperleaf.origination.bureau.BureauClient
import com.copperleaf.origination.fraud.FraudClient
import org.slf4j.LoggerFactory

class ApplicationService(
    private val repo: ApplicationRepository,
    private val bureau: BureauClient,
    private val fraud: FraudClient,
    private val policy: DecisionPolicy,
) {
    private val log = LoggerFactory.getLogger(ApplicationService::class.java)

    suspend fun submit(applicationId: String, requestId: String): Decision {
        val application = repo.load(applicationId) ?: throw NoSuchApplication(applicationId)
        val fraudScore = fraud.score(application.toFraudRequest(), requestId)
        val report = bureau.fetchReport(ApplicantRef.of(application.applicant), requestId)
        val decision = policy.decide(application, report, fraudScore)
        repo.saveDecision(applicationId, decision)
        log.info("application {} decided {} (score={}, fraud={})", applicationId, decision.outcome, report.score, fraudScore.band)
        return decision
    }
}
