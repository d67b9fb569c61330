package com.stonebridge.catalog.index;

import java.io.IOException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

@Component
public class IndexBatchJob {

    private static final Logger log = LoggerFactory.getLogger(IndexBatchJob.class);

    private final ChangeFeed feed;
    private final DocEncoder encoder;
    private final SegmentWriter writer;
    private final SegmentCatalog catalog;
    private final int batchSize;

    public IndexBatchJob(ChangeFeed feed, DocEncoder encoder, SegmentWriter writer, SegmentCatalog catalog,
                         @Value("${indexer.batch.size}") int batchSize) {
        this.feed = feed;
        this.encoder = encoder;
        this.writer = writer;
        this.catalog = catalog;
        this.batchSize = batchSize;
    }

    @Scheduled(fixedDelayString = "${indexer.batch.delay}")
    public void runBatch() {
        List<ChangeEvent> changes = feed.poll(batchSize);
        if (changes.isEmpty()) {
            return;
        }
        long started = System.nanoTime();
        long position = feed.position();
        try {
            List<EncodedDoc> docs = encoder.encode(changes);
            SegmentInfo segment = writer.flush("seg_" + position, docs);
            catalog.commit(segment, position);
            feed.ack(changes);
            log.info("batch {} indexed docs={} took={}ms", position, docs.size(), (System.nanoTime() - started) / 1_000_000);
        } catch (IOException e) {
            log.error("batch {} failed, will retry", position, e);
        }
    }
}
