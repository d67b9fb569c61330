package com.glasswing.catalog.seatmap;

import java.time.Duration;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
public class SeatMapController {

    private final SeatMapService service;

    public SeatMapController(SeatMapService service) {
        this.service = service;
    }

    @GetMapping("/v1/events/{eventId}/sections/{sectionId}/seat-map")
    public ResponseEntity<SeatMap> seatMap(@PathVariable long eventId, @PathVariable String sectionId,
                                           @RequestParam(defaultValue = "standard") String tier) {
        SeatMap map = service.loadSeatMap(eventId, sectionId, tier);
        return ResponseEntity.ok().cacheControl(CacheControl.maxAge(Duration.ofSeconds(30)).cachePublic()).body(map);
    }
}
