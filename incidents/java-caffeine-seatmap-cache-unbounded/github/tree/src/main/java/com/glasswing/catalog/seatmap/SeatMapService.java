package com.glasswing.catalog.seatmap;

import java.util.List;

import com.glasswing.catalog.config.CacheConfig;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Service;

@Service
public class SeatMapService {

    private final SeatRepository seats;
    private final SeatMapAssembler assembler;

    public SeatMapService(SeatRepository seats, SeatMapAssembler assembler) {
        this.seats = seats;
        this.assembler = assembler;
    }

    @Cacheable(cacheNames = CacheConfig.SEAT_MAPS, key = "#eventId + ':' + #sectionId + ':' + #tier")
    public SeatMap loadSeatMap(long eventId, String sectionId, String tier) {
        List<SeatRow> rows = seats.findSection(eventId, sectionId, tier);
        return assembler.assemble(eventId, sectionId, tier, rows);
    }
}
