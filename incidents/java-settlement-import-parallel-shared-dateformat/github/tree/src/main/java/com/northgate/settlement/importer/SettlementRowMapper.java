package com.northgate.settlement.importer;

import com.northgate.settlement.domain.SettlementRow;
import com.northgate.settlement.util.CompactDates;
import java.math.BigDecimal;
import java.text.ParseException;
import java.util.Currency;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
public class SettlementRowMapper {

    private static final Logger log = LoggerFactory.getLogger(SettlementRowMapper.class);
    static final int FIELD_COUNT = 14;

    public SettlementRow map(String line, long lineNo) throws RowRejectedException {
        String[] f = line.split("\\|", -1);
        if (f.length != FIELD_COUNT) {
            throw new RowRejectedException(lineNo, "expected " + FIELD_COUNT + " fields, got " + f.length);
        }
        try {
            SettlementRow row = new SettlementRow();
            row.setSchemeRef(f[0]);
            row.setMerchantId(f[1]);
            row.setTerminalId(f[2]);
            row.setCardScheme(f[3]);
            row.setAmount(new BigDecimal(f[4]));
            row.setCurrency(Currency.getInstance(f[5]));
            row.setInterchangeFee(new BigDecimal(f[6]));
            row.setSchemeFee(new BigDecimal(f[7]));
            row.setAuthCode(f[8]);
            row.setTransactionType(f[9]);
            row.setTransactionTime(CompactDates.parse(f[10]));
            row.setValueDate(CompactDates.parse(f[11]));
            row.setBatchId(f[12]);
            row.setChecksum(f[13]);
            return row;
        } catch (ParseException | NumberFormatException e) {
            log.warn("rejected settlement row line={} scheme_ref={} reason={}", lineNo, f[0], e.toString(), e);
            throw new RowRejectedException(lineNo, e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }
}
