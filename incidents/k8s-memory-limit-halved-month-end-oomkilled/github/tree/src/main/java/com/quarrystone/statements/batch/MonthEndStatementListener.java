package com.quarrystone.statements.batch;

import com.quarrystone.statements.model.Statement;
import com.quarrystone.statements.pdf.StatementPdfAssembler;
import com.quarrystone.statements.storage.StatementStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

@Component
public class MonthEndStatementListener {

    private static final Logger log = LoggerFactory.getLogger(MonthEndStatementListener.class);

    private final StatementLoader loader;
    private final StatementPdfAssembler assembler;
    private final StatementStore store;

    public MonthEndStatementListener(StatementLoader loader, StatementPdfAssembler assembler, StatementStore store) {
        this.loader = loader;
        this.assembler = assembler;
        this.store = store;
    }

    @KafkaListener(topics = "${statements.batch.topic}", concurrency = "${statements.batch.concurrency}")
    public void onRequest(String accountRef) throws Exception {
        Statement statement = loader.load(accountRef);
        byte[] pdf = assembler.assemble(statement);
        store.put(statement, pdf);
        log.info("stored statement {} bytes={}", accountRef, pdf.length);
    }
}
