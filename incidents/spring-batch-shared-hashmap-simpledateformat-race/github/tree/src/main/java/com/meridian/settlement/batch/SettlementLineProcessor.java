package com.meridian.settlement.batch;

import com.meridian.settlement.fees.FeePlan;
import com.meridian.settlement.fees.FeePlanRepository;
import com.meridian.settlement.model.AcquirerLine;
import com.meridian.settlement.model.SettlementLine;
import java.math.BigDecimal;
import java.text.ParseException;
import java.text.SimpleDateFormat;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.TimeZone;
import org.springframework.batch.item.ItemProcessor;

/**
 * Turns one acquirer clearing line into a settlement line (gross, scheme fee, net) for the
 * merchant. Runs inside the multi-threaded settleTransactions step.
 */
public class SettlementLineProcessor implements ItemProcessor<AcquirerLine, SettlementLine> {

  /** One formatter for the whole run instead of one per line (JFR: 11% of allocations). */
  private static final SimpleDateFormat BOOKING_DATE = bookingDateFormat();

  private final FeePlanRepository feePlans;
  private final LocalDate businessDate;

  /** Fee plans do not change during a run; ~2,300 merchants vs ~1.9M lines per night. */
  private final Map<String, FeePlan> feePlanCache = new HashMap<>();

  public SettlementLineProcessor(FeePlanRepository feePlans, LocalDate businessDate) {
    this.feePlans = feePlans;
    this.businessDate = businessDate;
  }

  @Override
  public SettlementLine process(AcquirerLine line) throws ParseException {
    if (!"00".equals(line.responseCode())) {
      return null; // declined authorisations are not settled
    }
    LocalDate bookingDate = parseBookingDate(line.bookingDate());
    if (!bookingDate.equals(businessDate) && !bookingDate.equals(businessDate.minusDays(1))) {
      throw new SettlementValidationException(
          "booking date "
              + bookingDate
              + " outside business date "
              + businessDate
              + " for "
              + line.reference());
    }
    FeePlan plan = feePlanCache.computeIfAbsent(line.merchantId(), feePlans::lookup);
    BigDecimal gross = new BigDecimal(line.amountMinor()).movePointLeft(2);
    BigDecimal fee = plan.feeFor(gross, line.cardScheme());
    return new SettlementLine(
        line.reference(),
        line.merchantId(),
        bookingDate,
        gross,
        fee,
        gross.subtract(fee),
        line.currency());
  }

  private LocalDate parseBookingDate(String yyyymmdd) throws ParseException {
    return BOOKING_DATE.parse(yyyymmdd).toInstant().atZone(ZoneOffset.UTC).toLocalDate();
  }

  private static SimpleDateFormat bookingDateFormat() {
    SimpleDateFormat format = new SimpleDateFormat("yyyyMMdd");
    format.setTimeZone(TimeZone.getTimeZone(ZoneOffset.UTC));
    return format;
  }
}
