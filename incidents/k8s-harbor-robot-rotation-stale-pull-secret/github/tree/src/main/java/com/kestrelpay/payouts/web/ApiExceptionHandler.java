package com.kestrelpay.payouts.web;

import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

@RestControllerAdvice
public class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private static final long REPORT_EVERY_MS = 60_000;

    private final AtomicBoolean stackLogged = new AtomicBoolean();
    private final AtomicInteger rejected = new AtomicInteger();
    private volatile long lastReport;

    // Load shedding is expected under bursts: log the first stack trace, then one line a minute.
    @ExceptionHandler(RejectedExecutionException.class)
    public ResponseEntity<Map<String, String>> queueFull(RejectedExecutionException ex) {
        int count = rejected.incrementAndGet();
        long now = System.currentTimeMillis();
        if (stackLogged.compareAndSet(false, true)) {
            log.error("payout rejected: bank submit queue full", ex);
            lastReport = now;
        } else if (now - lastReport > REPORT_EVERY_MS) {
            lastReport = now;
            log.warn("payout rejected: bank submit queue full, {} rejected in the last minute ({})", rejected.getAndSet(0), ex.getMessage());
        }
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header("Retry-After", "5")
                .body(Map.of("error", "payouts_busy"));
    }

    @ExceptionHandler(IllegalArgumentException.class)
    public ResponseEntity<Map<String, String>> invalid(IllegalArgumentException ex) {
        return ResponseEntity.badRequest().body(Map.of("error", ex.getMessage()));
    }
}
