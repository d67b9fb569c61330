package com.kestrelpay.payouts.service;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class PayoutRequestTest {

    @Test
    void rejectsZeroAmount() {
        var request = new PayoutRequest("m_1", "DE89370400440532013000", BigDecimal.ZERO, "EUR", "ref");
        assertThatThrownBy(request::validate).hasMessage("amount must be positive");
    }

    @Test
    void rejectsShortIban() {
        var request = new PayoutRequest("m_1", "DE89", BigDecimal.TEN, "EUR", "ref");
        assertThatThrownBy(request::validate).hasMessage("iban is invalid");
    }
}
