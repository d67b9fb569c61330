package com.tidewater.claims.policy;

import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

@Configuration
public class PolicyClientConfig {

    @Bean
    CloseableHttpClient policyHttpClient(@Value("${policy-service.read-timeout:45s}") java.time.Duration readTimeout) {
        PoolingHttpClientConnectionManager pool = PoolingHttpClientConnectionManagerBuilder.create()
                .setMaxConnTotal(50)
                .setMaxConnPerRoute(50)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.ofSeconds(2))
                        .setSocketTimeout(Timeout.of(readTimeout))
                        .setTimeToLive(TimeValue.ofMinutes(5))
                        .build())
                .build();
        return HttpClients.custom()
                .setConnectionManager(pool)
                .evictIdleConnections(TimeValue.ofMinutes(2))
                .build();
    }

    @Bean
    RestClient policyRestClient(RestClient.Builder builder, CloseableHttpClient policyHttpClient,
                                @Value("${policy-service.base-url}") String baseUrl) {
        return builder
                .baseUrl(baseUrl)
                .requestFactory(new HttpComponentsClientHttpRequestFactory(policyHttpClient))
                .build();
    }
}
