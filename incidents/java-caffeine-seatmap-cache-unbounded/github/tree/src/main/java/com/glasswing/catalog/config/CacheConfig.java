package com.glasswing.catalog.config;

import java.time.Duration;

import com.github.benmanes.caffeine.cache.Caffeine;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.caffeine.CaffeineCacheManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableCaching
public class CacheConfig {

    public static final String SEAT_MAPS = "seatMaps";
    public static final String VENUES = "venues";

    @Bean
    public CacheManager cacheManager() {
        CaffeineCacheManager manager = new CaffeineCacheManager();
        // One entry per (event, section, price tier); a large arena section is ~20 KiB.
        // Seat maps stay warm for the whole on-sale window; idle ones age out after 6 h.
        manager.registerCustomCache(SEAT_MAPS, Caffeine.newBuilder()
                .expireAfterAccess(Duration.ofHours(6))
                .recordStats()
                .build());
        manager.registerCustomCache(VENUES, Caffeine.newBuilder()
                .maximumSize(2_000)
                .expireAfterWrite(Duration.ofHours(6))
                .recordStats()
                .build());
        return manager;
    }
}
