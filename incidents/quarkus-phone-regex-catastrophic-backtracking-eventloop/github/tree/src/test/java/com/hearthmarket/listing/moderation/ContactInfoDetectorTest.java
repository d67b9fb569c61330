package com.hearthmarket.listing.moderation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ContactInfoDetectorTest {

    private final ContactInfoDetector detector = new ContactInfoDetector();

    @Test
    void findsUkMobile() {
        assertEquals(List.of("phone"), detector.scan("lst_test", "call me on 07700 900123 after 6"));
    }

    @Test
    void findsNumbersWithSeparators() {
        for (String s : List.of("07700.900.123", "0 7 7 0 0 9 0 0 1 2 3", "+44 (0) 7700-900-123", "+33 6 12 34 56 78")) {
            assertEquals(List.of("phone"), detector.scan("lst_test", "ring " + s), s);
        }
    }

    @Test
    void ignoresPrices() {
        assertTrue(detector.scan("lst_test", "Oak table, 180 x 90 cm, was 450 now 275").isEmpty());
    }

    @Test
    void findsEmail() {
        assertEquals(List.of("email"), detector.scan("lst_test", "mail seller.person@example.com"));
    }
}
