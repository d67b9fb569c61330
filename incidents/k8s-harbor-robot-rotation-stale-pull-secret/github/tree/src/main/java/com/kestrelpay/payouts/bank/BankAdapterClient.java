package com.kestrelpay.payouts.bank;

import com.kestrelpay.payouts.service.PayoutRequest;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

@Component
public class BankAdapterClient {

    private static final Logger log = LoggerFactory.getLogger(BankAdapterClient.class);

    private final RestClient http;
    private final String token;

    public BankAdapterClient(@Value("${bank.base-url}") String baseUrl, @Value("${bank.token}") String token) {
        this.http = RestClient.builder().baseUrl(baseUrl).build();
        this.token = token;
    }

    @SuppressWarnings("unchecked")
    public String submitTransfer(String payoutId, PayoutRequest request) {
        HttpHeaders headers = new HttpHeaders();
        headers.setBearerAuth(token);
        headers.set("X-Payout-Id", payoutId);
        log.debug("POST /transfers payout={} headers={}", payoutId, headers);
        Map<String, Object> body = http.post()
                .uri("/transfers")
                .headers(h -> h.addAll(headers))
                .body(Map.of(
                        "iban", request.iban(),
                        "amount", request.amount(),
                        "currency", request.currency(),
                        "reference", request.reference()))
                .retrieve()
                .body(Map.class);
        return (String) body.get("bank_reference");
    }
}
