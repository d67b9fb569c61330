package com.northwind.bookshop.catalog;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

/**
 * Reads original cover scans from the covers bucket (served through the internal CDN origin).
 */
@Component
public class CoverStorageClient {

    private static final Logger log = LoggerFactory.getLogger(CoverStorageClient.class);

    private final RestClient http;

    public CoverStorageClient(RestClient.Builder builder,
                              @Value("${bookshop.covers.origin-url}") String originUrl,
                              @Value("${bookshop.covers.token}") String token) {
        this.http = builder.baseUrl(originUrl)
                .defaultHeader("Authorization", "Bearer " + token)
                .build();
    }

    public Optional<byte[]> fetchCover(String isbn) {
        byte[] body = http.get()
                .uri("/originals/{isbn}.jpg", isbn)
                .retrieve()
                .onStatus(HttpStatusCode::is4xxClientError, (req, res) -> { })
                .body(byte[].class);
        if (body == null || body.length == 0) {
            log.debug("No original cover for {}", isbn);
            return Optional.empty();
        }
        return Optional.of(body);
    }
}
