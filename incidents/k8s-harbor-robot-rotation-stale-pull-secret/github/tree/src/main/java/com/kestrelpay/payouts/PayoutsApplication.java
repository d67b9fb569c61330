package com.kestrelpay.payouts;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;

@SpringBootApplication
public class PayoutsApplication {

    private static final Logger log = LoggerFactory.getLogger(PayoutsApplication.class);

    private final Environment env;

    public PayoutsApplication(Environment env) {
        this.env = env;
    }

    public static void main(String[] args) {
        SpringApplication.run(PayoutsApplication.class, args);
    }

    @EventListener(ApplicationReadyEvent.class)
    public void ready() {
        log.info("payouts-api ready version={} datasource={} bank={}",
                env.getProperty("app.version"),
                env.getProperty("spring.datasource.url"),
                env.getProperty("bank.base-url"));
    }
}
