package com.glasswing.catalog.ops;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.glasswing.catalog.config.CacheConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.CacheManager;
import org.springframework.cache.caffeine.CaffeineCache;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Logs cache and heap figures every 10 minutes; the dashboards scrape Prometheus, this is for log searches. */
@Component
public class CacheStatsReporter {

    private static final Logger log = LoggerFactory.getLogger(CacheStatsReporter.class);
    private final CacheManager caches;

    public CacheStatsReporter(CacheManager caches) {
        this.caches = caches;
    }

    @Scheduled(fixedRate = 600_000, initialDelay = 60_000)
    public void report() {
        CaffeineCache seatMaps = (CaffeineCache) caches.getCache(CacheConfig.SEAT_MAPS);
        var nativeCache = seatMaps.getNativeCache();
        CacheStats s = nativeCache.stats();
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        log.info("cache={} size={} hitRate={} evictions={} heapUsed={}MiB heapMax={}MiB",
                CacheConfig.SEAT_MAPS, nativeCache.estimatedSize(), String.format("%.3f", s.hitRate()),
                s.evictionCount(), heap.getUsed() >> 20, heap.getMax() >> 20);
    }
}
