package com.brackenridge.orders.export;

import com.brackenridge.orders.domain.OrderLine;
import com.brackenridge.orders.domain.PurchaseOrder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

@Component
public class InvoiceWriter {

    private final Path target;

    public InvoiceWriter(@Value("${orders.export.dir:/var/export}") Path dir) {
        this.target = dir.resolve("invoices.csv");
    }

    public void write(PurchaseOrder order) {
        try (Writer w = Files.newBufferedWriter(target, StandardOpenOption.CREATE, StandardOpenOption.APPEND)) {
            for (OrderLine line : order.getLines()) {
                w.write(String.join(",", order.getOrderNumber(), line.getSku(),
                        Integer.toString(line.getQuantity()), line.getUnitPrice().toPlainString(),
                        order.getCurrency()));
                w.write("\n");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
