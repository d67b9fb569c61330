package com.tidewater.claims.policy;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * Client for policy-service (http://policy.internal.tidewater.example, internal ALB).
 * Coverage evaluation is synchronous on the policy-service side: it runs the rule set for
 * every insured object on the policy, so fleet policies take much longer than personal ones.
 */
@Component
public class PolicyClient {

    private static final Logger log = LoggerFactory.getLogger(PolicyClient.class);

    private final RestClient restClient;

    public PolicyClient(RestClient policyRestClient) {
        this.restClient = policyRestClient;
    }

    public PolicySummary getPolicy(String policyId) {
        try {
            return restClient.get()
                    .uri("/v2/policies/{id}", policyId)
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(PolicySummary.class);
        } catch (HttpClientErrorException.NotFound e) {
            throw new PolicyNotFoundException(policyId);
        } catch (RestClientException e) {
            throw new PolicyServiceException("policy lookup failed for " + policyId, e);
        }
    }

    public CoverageEvaluation evaluateCoverage(String policyId, CoverageRequest request) {
        long started = System.nanoTime();
        try {
            return restClient.post()
                    .uri("/v2/policies/{id}/coverage-evaluations", policyId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .accept(MediaType.APPLICATION_JSON)
                    .body(request)
                    .retrieve()
                    .body(CoverageEvaluation.class);
        } catch (RestClientException e) {
            long ms = Duration.ofNanos(System.nanoTime() - started).toMillis();
            log.warn("coverage evaluation failed policy={} claim={} after {} ms: {}",
                    policyId, request.claimId(), ms, e.getMessage());
            throw new PolicyServiceException("coverage evaluation failed for " + policyId, e);
        }
    }
}
