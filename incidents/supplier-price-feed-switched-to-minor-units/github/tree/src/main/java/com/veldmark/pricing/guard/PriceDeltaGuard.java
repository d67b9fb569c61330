package com.veldmark.pricing.guard;

import com.veldmark.pricing.feed.SupplierPrice;
import java.math.BigDecimal;
import java.math.RoundingMode;
import org.springframework.batch.item.ItemProcessor;
import org.springframework.stereotype.Component;

/** Rejects price changes larger than the configured ratio versus the current catalogue price. */
@Component
public class PriceDeltaGuard implements ItemProcessor<SupplierPrice, SupplierPrice> {

    private final CurrentPrices current;
    private final BigDecimal maxRatio;

    public PriceDeltaGuard(CurrentPrices current, GuardProperties props) {
        this.current = current;
        this.maxRatio = props.getMaxRatio();
    }

    @Override
    public SupplierPrice process(SupplierPrice item) {
        BigDecimal old = current.find(item.sku()).orElse(null);
        if (old == null || old.signum() == 0) {
            return item;
        }
        BigDecimal ratio = item.price().divide(old, 4, RoundingMode.HALF_UP);
        if (ratio.compareTo(maxRatio) > 0 || ratio.compareTo(BigDecimal.ONE.divide(maxRatio, 4, RoundingMode.HALF_UP)) < 0) {
            throw new PriceDeltaException(item.sku(), old, item.price());
        }
        return item;
    }
}
