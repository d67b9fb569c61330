package com.meridian.settlement.batch;

import com.meridian.settlement.model.AcquirerLine;
import com.meridian.settlement.model.SettlementLine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.SkipListener;
import org.springframework.stereotype.Component;

@Component
public class SettlementSkipListener implements SkipListener<AcquirerLine, SettlementLine> {

  private static final Logger log = LoggerFactory.getLogger(SettlementSkipListener.class);

  @Override
  public void onSkipInProcess(AcquirerLine line, Throwable t) {
    log.warn("skipped line {} merchant={} raw_booking_date={}: {}", line.reference(), line.merchantId(), line.bookingDate(), t.getMessage());
  }
}
