package nl.kestrelcare.sync.slots;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import net.javacrumbs.shedlock.micronaut.SchedulerLock;
import nl.kestrelcare.sync.feed.PraktijkDataClient;
import nl.kestrelcare.sync.practices.Practice;
import nl.kestrelcare.sync.practices.PracticeRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

@Singleton
@Requires(property = "sync.partner-feed.enabled", value = "true")
public class SlotSyncJob {

    private static final Logger LOG = LoggerFactory.getLogger(SlotSyncJob.class);

    private final PracticeRepository practices;
    private final PraktijkDataClient client;
    private final SlotFeedParser parser;
    private final SlotRepository slots;

    public SlotSyncJob(PracticeRepository practices, PraktijkDataClient client, SlotFeedParser parser, SlotRepository slots) {
        this.practices = practices;
        this.client = client;
        this.parser = parser;
        this.slots = slots;
    }

    @Scheduled(fixedDelay = "${sync.partner-feed.interval}", initialDelay = "${sync.partner-feed.initial-delay}")
    @SchedulerLock(name = "slot-sync", lockAtMostFor = "10m")
    public void run() {
        List<Practice> active = practices.findByActiveTrue();
        LOG.info("Slot sync started: practices={}", active.size());
        int ok = 0, upserted = 0, removed = 0;
        RuntimeException firstFailure = null;
        for (Practice p : active) {
            try {
                SyncResult r = syncPractice(p);
                ok++;
                upserted += r.upserted();
                removed += r.removed();
            } catch (RuntimeException e) {
                LOG.warn("Slot sync failed for practice {} ({}): {}", p.code(), p.name(), e.getMessage());
                if (firstFailure == null) {
                    firstFailure = e;
                }
            }
        }
        if (firstFailure != null) {
            LOG.error("Slot sync run had {} failed practice(s); first failure:", active.size() - ok, firstFailure);
        }
        LOG.info("Slot sync finished: practices={} ok={} failed={} upserted={} removed={}",
                active.size(), ok, active.size() - ok, upserted, removed);
    }

    private SyncResult syncPractice(Practice p) {
        long t0 = System.nanoTime();
        var feed = client.slots(p.externalId());
        List<Slot> parsed = parser.parse(p.code(), feed.slots());
        SyncResult r = slots.replaceFuture(p.code(), parsed);
        LOG.info("practice {}: fetched {} slots, upserted {}, removed {} ({} ms)",
                p.code(), feed.slots().size(), r.upserted(), r.removed(), (System.nanoTime() - t0) / 1_000_000);
        return r;
    }
}
