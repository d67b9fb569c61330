package com.northwind.bookshop.config;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;

@Configuration
@EnableCaching
public class CacheConfig {

    public static final String BOOK_SEARCH = "bookSearch";

    private static final Logger log = LoggerFactory.getLogger(CacheConfig.class);

    private CaffeineCacheManager manager;

    @Bean
    public CacheManager cacheManager() {
        manager = new CaffeineCacheManager(BOOK_SEARCH);
        manager.setCaffeine(Caffeine.newBuilder()
                .maximumSize(10_000)
                .expireAfterWrite(Duration.ofMinutes(10))
                .recordStats());
        return manager;
    }

    @Scheduled(fixedRate = 60_000, initialDelay = 60_000)
    void logStats() {
        var cache = (com.github.benmanes.caffeine.cache.Cache<?, ?>) manager.getCache(BOOK_SEARCH).getNativeCache();
        CacheStats s = cache.stats();
        log.info("cache '{}' stats: size={} hitRate={} evictions={}",
                BOOK_SEARCH, cache.estimatedSize(), String.format("%.2f", s.hitRate()), s.evictionCount());
    }
}
