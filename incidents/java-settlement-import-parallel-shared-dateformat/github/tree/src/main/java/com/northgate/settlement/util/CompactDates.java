package com.northgate.settlement.util;

import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.util.Date;
import java.util.TimeZone;

/**
 * Scheme settlement files carry timestamps as yyyyMMddHHmmss in UTC.
 */
public final class CompactDates {

    private static final SimpleDateFormat COMPACT = new SimpleDateFormat("yyyyMMddHHmmss");

    static {
        COMPACT.setTimeZone(TimeZone.getTimeZone("UTC"));
        COMPACT.setLenient(false);
    }

    private CompactDates() {
    }

    public static Date parse(String value) throws ParseException {
        return COMPACT.parse(value.trim());
    }

    public static String format(Date value) {
        return COMPACT.format(value);
    }
}
