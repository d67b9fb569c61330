package com.northgate.settlement.importer;

import com.northgate.settlement.domain.SettlementRow;
import com.northgate.settlement.repo.SettlementRepository;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

@Service
public class SettlementImportJob {

    private static final Logger log = LoggerFactory.getLogger(SettlementImportJob.class);

    private final SettlementRowMapper mapper;
    private final SettlementRepository repository;
    private final ImportProperties props;
    private final ExecutorService workers;

    public SettlementImportJob(SettlementRowMapper mapper, SettlementRepository repository, ImportProperties props) {
        this.mapper = mapper;
        this.repository = repository;
        this.props = props;
        this.workers = Executors.newFixedThreadPool(props.getWorkers(), new NamedThreadFactory("import-worker"));
    }

    public ImportResult importFile(Path file) throws IOException {
        long started = System.currentTimeMillis();
        AtomicLong accepted = new AtomicLong();
        AtomicLong rejected = new AtomicLong();
        List<Future<?>> pending = new ArrayList<>();
        List<String> chunk = new ArrayList<>(props.getChunkSize());
        long lineNo = 0;
        long chunkStart = 1;
        try (BufferedReader reader = Files.newBufferedReader(file)) {
            String line;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (lineNo == 1 && line.startsWith("HDR|")) {
                    chunkStart = 2;
                    continue;
                }
                chunk.add(line);
                if (chunk.size() >= props.getChunkSize()) {
                    pending.add(submitChunk(file, new ArrayList<>(chunk), chunkStart, accepted, rejected));
                    chunk.clear();
                    chunkStart = lineNo + 1;
                }
            }
        }
        pending.add(submitChunk(file, chunk, chunkStart, accepted, rejected));
        for (Future<?> f : pending) {
            try {
                f.get();
            } catch (Exception e) {
                throw new IOException("chunk failed for " + file.getFileName(), e);
            }
        }
        log.info("settlement file imported file={} accepted={} rejected={} took_ms={}",
                file.getFileName(), accepted.get(), rejected.get(), System.currentTimeMillis() - started);
        return new ImportResult(accepted.get(), rejected.get());
    }

    private Future<?> submitChunk(Path file, List<String> lines, long firstLineNo,
                                  AtomicLong accepted, AtomicLong rejected) {
        return workers.submit(() -> importChunk(file, lines, firstLineNo, accepted, rejected));
    }

    private void importChunk(Path file, List<String> lines, long firstLineNo,
                             AtomicLong accepted, AtomicLong rejected) {
        List<SettlementRow> rows = new ArrayList<>(lines.size());
        long lineNo = firstLineNo;
        for (String line : lines) {
            try {
                rows.add(mapper.map(line, lineNo));
                accepted.incrementAndGet();
            } catch (RowRejectedException e) {
                rejected.incrementAndGet();
                repository.saveRejected(file.getFileName().toString(), e.getLineNo(), e.getMessage());
            }
            lineNo++;
        }
        repository.saveAll(rows);
    }
}
