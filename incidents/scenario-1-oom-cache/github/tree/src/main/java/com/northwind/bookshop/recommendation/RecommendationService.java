package com.northwind.bookshop.recommendation;

import java.time.Duration;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.client.ClientHttpRequestFactories;
import org.springframework.boot.web.client.ClientHttpRequestFactorySettings;
import org.springframework.stereotype.Service;
import org.springframework.web.client.RestClient;

/**
 * "Readers also bought" suggestions, computed by the recommendations engine.
 */
@Service
public class RecommendationService {

    private static final Logger log = LoggerFactory.getLogger(RecommendationService.class);

    private final RestClient engine;
    private final int maxResults;

    public RecommendationService(RestClient.Builder builder,
                                 @Value("${bookshop.recommendations.url}") String url,
                                 @Value("${bookshop.recommendations.timeout:800ms}") Duration timeout,
                                 @Value("${bookshop.recommendations.max-results:24}") int maxResults) {
        this.engine = builder.baseUrl(url)
                .requestFactory(ClientHttpRequestFactories.get(ClientHttpRequestFactorySettings.DEFAULTS
                        .withConnectTimeout(Duration.ofMillis(300))
                        .withReadTimeout(timeout)))
                .build();
        this.maxResults = maxResults;
    }

    public List<String> similarBooks(String isbn) {
        try {
            SimilarBooks answer = engine.get()
                    .uri("/v2/similar/{isbn}", isbn)
                    .retrieve()
                    .body(SimilarBooks.class);
            if (answer == null || answer.isbns() == null) {
                return List.of();
            }
            return answer.isbns().stream().limit(maxResults).toList();
        } catch (RuntimeException e) {
            log.warn("Recommendations unavailable for {}: {}", isbn, e.getMessage());
            return List.of();
        }
    }

    record SimilarBooks(String isbn, List<String> isbns) {
    }
}
