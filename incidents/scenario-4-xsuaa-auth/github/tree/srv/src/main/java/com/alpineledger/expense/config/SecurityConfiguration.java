package com.alpineledger.expense.config;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.convert.converter.Converter;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.web.SecurityFilterChain;

import com.sap.cloud.security.config.ServiceConstants;
import com.sap.cloud.security.spring.config.XsuaaServiceConfiguration;
import com.sap.cloud.security.spring.token.authentication.XsuaaTokenAuthorizationConverter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * Bearer tokens are validated by the SAP resource server starter (HybridJwtDecoder) against the
 * XSUAA binding of this app; scopes are mapped to authorities without the xsappname prefix.
 */
@Configuration
@EnableWebSecurity
@EnableMethodSecurity
public class SecurityConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    private final AtomicBoolean firstRejection = new AtomicBoolean();

    @Bean
    SecurityFilterChain api(HttpSecurity http, Converter<Jwt, AbstractAuthenticationToken> authConverter)
            throws Exception {
        http.sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .csrf(csrf -> csrf.disable())
                .authorizeHttpRequests(a -> a
                        .requestMatchers("/actuator/health/**", "/actuator/health").permitAll()
                        .requestMatchers(HttpMethod.GET, "/api/v1/**").hasAuthority("Viewer")
                        .requestMatchers("/api/v1/approvals/**").hasAuthority("Approver")
                        .requestMatchers("/api/v1/rules/**").hasAuthority("Admin")
                        .requestMatchers("/api/v1/audit/**").hasAuthority("Audit")
                        .anyRequest().denyAll())
                .oauth2ResourceServer(o -> o
                        .jwt(jwt -> jwt.jwtAuthenticationConverter(authConverter))
                        .authenticationEntryPoint(this::rejectToken));
        return http.build();
    }

    @Bean
    Converter<Jwt, AbstractAuthenticationToken> authConverter(XsuaaServiceConfiguration xsuaa) {
        String appId = xsuaa.getProperty(ServiceConstants.XSUAA.APP_ID);
        log.info("XSUAA binding: xsappname={} clientid={}", appId, xsuaa.getClientId());
        return new XsuaaTokenAuthorizationConverter(appId);
    }

    private void rejectToken(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (firstRejection.compareAndSet(false, true)) {
            log.warn("First bearer token rejection since startup, full exception follows", e);
        }
        log.warn("Rejected bearer token for {} {}: {}", request.getMethod(), request.getRequestURI(), e.getMessage());
        response.setHeader("WWW-Authenticate", "Bearer error=\"invalid_token\", error_description=\"token audience "
                + "does not match this application\"");
        response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
        response.setContentType("application/problem+json");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Unauthorized\",\"status\":401,"
                + "\"detail\":\"Bearer token rejected: invalid audience or signature\"}");
    }
}
