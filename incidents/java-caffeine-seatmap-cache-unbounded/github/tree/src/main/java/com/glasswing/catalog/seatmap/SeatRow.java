package com.glasswing.catalog.seatmap;

public record SeatRow(String rowLabel, String seatNumber, String status, long priceMinor, boolean accessible, int x, int y) {
}
