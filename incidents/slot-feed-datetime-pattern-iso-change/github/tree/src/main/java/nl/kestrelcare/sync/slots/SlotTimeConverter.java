package nl.kestrelcare.sync.slots;

import jakarta.inject.Singleton;
import nl.kestrelcare.sync.config.PartnerFeedConfig;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Optional;

/**
 * Clinic-local times to zoned times. The feed has no offsets, so the practice zone is assumed.
 */
@Singleton
public class SlotTimeConverter {

    private final ZoneId zone;

    public SlotTimeConverter(PartnerFeedConfig config) {
        this.zone = ZoneId.of(config.getZone());
    }

    /**
     * Empty when the local time does not exist in the zone (spring-forward gap). During the
     * autumn overlap the earlier offset is used, as the clinics do.
     */
    public Optional<ZonedDateTime> toZoned(LocalDateTime local) {
        List<ZoneOffset> offsets = zone.getRules().getValidOffsets(local);
        if (offsets.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(ZonedDateTime.ofLocal(local, zone, offsets.get(0)));
    }
}
