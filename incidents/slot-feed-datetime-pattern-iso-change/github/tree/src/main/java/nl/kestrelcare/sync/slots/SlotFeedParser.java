package nl.kestrelcare.sync.slots;

import jakarta.inject.Singleton;
import nl.kestrelcare.sync.config.PartnerFeedConfig;
import nl.kestrelcare.sync.feed.FeedSlot;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Turns the PraktijkData slot feed (local clinic time strings) into {@link Slot}s.
 */
@Singleton
public class SlotFeedParser {

    private static final Logger LOG = LoggerFactory.getLogger(SlotFeedParser.class);
    private static final Set<String> NOT_BOOKABLE = Set.of("cancelled", "tentative");

    private final DateTimeFormatter formatter;
    private final SlotTimeConverter converter;

    public SlotFeedParser(PartnerFeedConfig config, SlotTimeConverter converter) {
        this.formatter = DateTimeFormatter.ofPattern(config.getSlotDatetimePattern());
        this.converter = converter;
        LOG.info("Partner feed config: slot-datetime-pattern={} zone={} horizon-days={}",
                config.getSlotDatetimePattern(), config.getZone(), config.getHorizonDays());
    }

    public List<Slot> parse(String practiceId, List<FeedSlot> feed) {
        List<Slot> slots = new ArrayList<>(feed.size());
        int skipped = 0;
        for (FeedSlot f : feed) {
            if (f.status() != null && NOT_BOOKABLE.contains(f.status().toLowerCase())) {
                skipped++;
                continue;
            }
            LocalDateTime start = LocalDateTime.parse(f.start(), formatter);
            LocalDateTime end = LocalDateTime.parse(f.end(), formatter);
            var zonedStart = converter.toZoned(start);
            var zonedEnd = converter.toZoned(end);
            if (zonedStart.isEmpty() || zonedEnd.isEmpty()) {
                LOG.warn("practice {}: dropping slot {} - {} (falls in a DST gap)", practiceId, f.start(), f.end());
                continue;
            }
            slots.add(new Slot(practiceId, f.practitionerId(), zonedStart.get(), zonedEnd.get(), f.kind()));
        }
        LOG.debug("practice {}: skipped {} non-bookable slots", practiceId, skipped);
        return slots;
    }
}
