package com.glasswing.catalog.seatmap;

import java.util.List;

public record SeatMap(long eventId, String sectionId, String tier, List<Row> rows) {

    public record Row(String label, List<Seat> seats) {
    }

    public record Seat(String number, String status, long priceMinor, boolean accessible, int x, int y) {
    }
}
