package com.glasswing.catalog.seatmap;

import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
public class SeatRepository {

    private final JdbcClient jdbc;

    public SeatRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<SeatRow> findSection(long eventId, String sectionId, String tier) {
        return jdbc.sql("""
                        SELECT row_label, seat_number, status, price_minor, accessible, x, y
                          FROM event_seats
                         WHERE event_id = :eventId AND section_id = :sectionId AND price_tier = :tier
                         ORDER BY row_order, seat_order
                        """)
                .param("eventId", eventId)
                .param("sectionId", sectionId)
                .param("tier", tier)
                .query((rs, i) -> new SeatRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                        rs.getBoolean(5), rs.getInt(6), rs.getInt(7)))
                .list();
    }
}
