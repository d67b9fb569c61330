package com.tailspin.orders.export;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.io.Writer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.boot.test.mock.mockito.MockBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(OrderExportController.class)
class OrderExportControllerTest {

    @Autowired
    private MockMvc mvc;

    @MockBean
    private OrderExportService exportService;

    @Test
    void exportAllStreamsCsvAttachment() throws Exception {
        when(exportService.exportAllOrders(any(Writer.class), eq("partner-test"))).thenReturn(3L);

        mvc.perform(get("/api/v1/orders/export").header("X-Client-Id", "partner-test"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().exists("Content-Disposition"));

        verify(exportService).exportAllOrders(any(Writer.class), eq("partner-test"));
    }

    @Test
    void exportAllDefaultsClientId() throws Exception {
        mvc.perform(get("/api/v1/orders/export")).andExpect(status().isOk());

        verify(exportService).exportAllOrders(any(Writer.class), eq("unknown"));
    }
}
