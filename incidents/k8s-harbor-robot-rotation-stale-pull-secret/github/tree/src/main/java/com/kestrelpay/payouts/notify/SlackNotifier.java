package com.kestrelpay.payouts.notify;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;

// Posts payout operations notices (retries, bank rejects) to #payouts-ops.
@Component
public class SlackNotifier {

    private static final Logger log = LoggerFactory.getLogger(SlackNotifier.class);

    private final RestClient http = RestClient.create();
    private final String webhookUrl;

    public SlackNotifier(@Value("${notify.slack-webhook}") String webhookUrl) {
        this.webhookUrl = webhookUrl;
    }

    public void post(String text) {
        try {
            http.post().uri(webhookUrl).body(java.util.Map.of("text", text)).retrieve().toBodilessEntity();
        } catch (RuntimeException e) {
            log.warn("slack notify failed url={} err={}", webhookUrl, e.getMessage());
        }
    }
}
