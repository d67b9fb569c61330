package com.meridian.settlement.fees;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

@Repository
public class FeePlanRepository {

  private final JdbcTemplate jdbc;

  public FeePlanRepository(JdbcTemplate jdbc) {
    this.jdbc = jdbc;
  }

  public FeePlan lookup(String merchantId) {
    return jdbc.queryForObject(
        "SELECT merchant_id, plan_code, visa_bps, mastercard_bps, amex_bps, fixed_minor FROM fee_plans WHERE merchant_id = ? AND active",
        FeePlan.ROW_MAPPER,
        merchantId);
  }
}
