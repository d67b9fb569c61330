package com.tailspin.orders.export;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Bulk export of all orders for partner reconciliation jobs.
 */
@RestController
@RequestMapping("/api/v1/orders")
public class OrderExportController {

    private final OrderExportService exportService;

    public OrderExportController(OrderExportService exportService) {
        this.exportService = exportService;
    }

    @GetMapping("/export")
    public void exportAll(@RequestHeader(value = "X-Client-Id", defaultValue = "unknown") String clientId,
                          HttpServletResponse response) throws IOException {
        response.setContentType("text/csv");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.setHeader(HttpHeaders.CONTENT_DISPOSITION,
                "attachment; filename=\"orders-" + LocalDate.now() + ".csv\"");
        exportService.exportAllOrders(response.getWriter(), clientId);
    }
}
