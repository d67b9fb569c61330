package com.kestrelpay.payouts.service;

import java.math.BigDecimal;

public record PayoutRequest(String merchantId, String iban, BigDecimal amount, String currency, String reference) {

    public void validate() {
        if (amount == null || amount.signum() <= 0) {
            throw new IllegalArgumentException("amount must be positive");
        }
        if (iban == null || iban.length() < 15) {
            throw new IllegalArgumentException("iban is invalid");
        }
    }
}
