package com.tidewater.claims.assessment;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

import com.tidewater.claims.claim.Claim;
import com.tidewater.claims.claim.ClaimRepository;
import com.tidewater.claims.policy.CoverageEvaluation;
import com.tidewater.claims.policy.CoverageRequest;
import com.tidewater.claims.policy.PolicyClient;

@Service
public class AssessmentService {

    private static final Logger log = LoggerFactory.getLogger(AssessmentService.class);

    private final ClaimRepository claims;
    private final PolicyClient policies;
    private final ReserveCalculator reserves;

    public AssessmentService(ClaimRepository claims, PolicyClient policies, ReserveCalculator reserves) {
        this.claims = claims;
        this.policies = policies;
        this.reserves = reserves;
    }

    /**
     * First assessment of a claim: ask policy-service which covers apply to the loss, then set
     * the initial reserve. Called by the adjusters' workbench when a claim is opened.
     */
    public Assessment assess(String claimId) {
        long started = System.nanoTime();
        Claim claim = claims.findById(claimId).orElseThrow(() -> new ClaimNotFoundException(claimId));
        CoverageRequest request = CoverageRequest.from(claim);
        CoverageEvaluation coverage = policies.evaluateCoverage(claim.policyId(), request);
        Assessment assessment = reserves.initialReserve(claim, coverage);
        claims.saveAssessment(claimId, assessment);
        log.info("assessment claim={} policy={} coverage={} reserve={} took {} ms", claimId, claim.policyId(),
                coverage.outcome(), assessment.reserve(), Duration.ofNanos(System.nanoTime() - started).toMillis());
        return assessment;
    }
}
