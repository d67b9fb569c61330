package com.quarrystone.statements.pdf;

import com.quarrystone.statements.model.Statement;
import com.quarrystone.statements.model.StatementLine;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

@Component
public class StatementPdfAssembler {

    private static final Logger log = LoggerFactory.getLogger(StatementPdfAssembler.class);
    private static final int LINES_PER_PAGE = 38;

    private final PageRenderer pages;
    private final ChartRenderer charts;

    public StatementPdfAssembler(PageRenderer pages, ChartRenderer charts) {
        this.pages = pages;
        this.charts = charts;
    }

    public byte[] assemble(Statement statement) throws IOException {
        List<List<StatementLine>> chunks = statement.linesInChunksOf(LINES_PER_PAGE);
        log.info("assembling statement {} period={} pages={} lines={} charts={}", statement.accountRef(), statement.period(),
                chunks.size() + 1, statement.lineCount(), statement.chartCount());
        try (PDDocument doc = new PDDocument()) {
            PDPage summary = new PDPage(PDRectangle.A4);
            doc.addPage(summary);
            pages.renderSummary(doc, summary, statement, charts.spendingByCategory(statement));
            for (List<StatementLine> chunk : chunks) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                pages.renderLines(doc, page, statement, chunk);
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        }
    }
}
