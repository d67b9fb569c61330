package com.veldmark.pricing.feed;

import java.math.BigDecimal;
import java.util.regex.Pattern;
import org.springframework.batch.item.file.mapping.FieldSetMapper;
import org.springframework.batch.item.file.transform.FieldSet;
import org.springframework.stereotype.Component;

@Component
public class SupplierPriceFieldSetMapper implements FieldSetMapper<SupplierPrice> {

    /** Digits with an optional decimal part; thousands separators ("1.299,00") are rejected. */
    private static final Pattern PRICE = Pattern.compile("^\\d{1,7}([.,]\\d{1,4})?$");

    @Override
    public SupplierPrice mapFieldSet(FieldSet fs) {
        String raw = fs.readString("price").trim();
        if (!PRICE.matcher(raw).matches()) {
            throw new PriceFormatException(fs.readString("sku"), raw);
        }
        return new SupplierPrice(
                fs.readString("sku"),
                fs.readString("ean"),
                new BigDecimal(raw.replace(',', '.')),
                fs.readString("currency"),
                fs.readInt("moq"));
    }
}
