package com.glasswing.catalog.seatmap;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

/**
 * Groups the flat seat rows of one section into rows of seats, in the order the
 * repository returns them (row label, then seat number).
 */
@Component
public class SeatMapAssembler {

    /** Typical seats per row in our venues; used to pre-size the per-row lists. */
    private static final int TYPICAL_ROW_LENGTH = 32;

    public SeatMap assemble(long eventId, String sectionId, String tier, List<SeatRow> rows) {
        List<SeatMap.Row> out = new ArrayList<>(Math.max(1, rows.size() / TYPICAL_ROW_LENGTH));
        String currentRow = null;
        List<SeatMap.Seat> seats = new ArrayList<>(TYPICAL_ROW_LENGTH);
        for (SeatRow r : rows) {
            if (currentRow != null && !currentRow.equals(r.rowLabel())) {
                out.add(new SeatMap.Row(currentRow, List.copyOf(seats)));
                seats = new ArrayList<>(TYPICAL_ROW_LENGTH);
            }
            currentRow = r.rowLabel();
            seats.add(toSeat(r));
        }
        if (currentRow != null) {
            out.add(new SeatMap.Row(currentRow, List.copyOf(seats)));
        }
        return new SeatMap(eventId, sectionId, tier, out);
    }

    private static SeatMap.Seat toSeat(SeatRow r) {
        return new SeatMap.Seat(r.seatNumber(), r.status(), r.priceMinor(), r.accessible(), r.x(), r.y());
    }
}
