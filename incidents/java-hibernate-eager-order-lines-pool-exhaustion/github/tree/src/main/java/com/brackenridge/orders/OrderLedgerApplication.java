package com.brackenridge.orders;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.scheduling.annotation.EnableScheduling;

@SpringBootApplication
@EnableScheduling
public class OrderLedgerApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderLedgerApplication.class, args);
    }
}
