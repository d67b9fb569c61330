package com.stonebridge.catalog.index;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one immutable segment file per batch under indexer.data-dir.
 */
public class SegmentWriter {

    private static final Logger log = LoggerFactory.getLogger(SegmentWriter.class);

    private static final int BLOCK_SIZE = 1 << 20;

    private final Path dir;
    private final ByteBuffer block = ByteBuffer.allocateDirect(BLOCK_SIZE);

    public SegmentWriter(Path dir) {
        this.dir = dir;
    }

    public SegmentInfo flush(String name, List<EncodedDoc> docs) throws IOException {
        Path file = dir.resolve(name + ".seg");
        long bytes = 0;
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            for (EncodedDoc doc : docs) {
                bytes += writeBlock(ch, doc.bytes());
            }
            ch.force(true);
        }
        log.info("flushed segment {} docs={} bytes={}", name, docs.size(), bytes);
        return new SegmentInfo(name, docs.size(), bytes);
    }

    private int writeBlock(FileChannel ch, byte[] data) throws IOException {
        block.clear();
        block.put(data);
        block.flip();
        int n = 0;
        while (block.hasRemaining()) {
            n += ch.write(block);
        }
        return n;
    }
}
