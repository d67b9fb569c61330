package nl.kestrelcare.sync.slots;

import nl.kestrelcare.sync.config.PartnerFeedConfig;
import org.junit.jupiter.api.Test;

import java.time.LocalDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlotTimeConverterTest {

    private SlotTimeConverter converter() {
        PartnerFeedConfig c = new PartnerFeedConfig();
        c.setZone("Europe/Amsterdam");
        return new SlotTimeConverter(c);
    }

    @Test
    void springForwardGapIsDropped() {
        assertTrue(converter().toZoned(LocalDateTime.of(2026, 3, 29, 2, 30)).isEmpty());
    }

    @Test
    void autumnOverlapUsesEarlierOffset() {
        var z = converter().toZoned(LocalDateTime.of(2026, 10, 25, 2, 30)).orElseThrow();
        assertEquals(7200, z.getOffset().getTotalSeconds());
    }
}
