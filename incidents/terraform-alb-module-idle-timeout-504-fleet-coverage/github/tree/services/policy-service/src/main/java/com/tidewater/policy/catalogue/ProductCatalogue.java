package com.tidewater.policy.catalogue;

import java.util.Map;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.stereotype.Component;

/** Product definitions (covers, limits, excesses) by product code, loaded from the catalogue table. */
@Component
public class ProductCatalogue {

    private final CatalogueRepository repository;

    public ProductCatalogue(CatalogueRepository repository) {
        this.repository = repository;
    }

    @Cacheable(cacheNames = "products", key = "#code")
    public Product product(String code) {
        return repository.findByCode(code)
                .orElseThrow(() -> new UnknownProductException(code));
    }

    @Cacheable(cacheNames = "products-all")
    public Map<String, Product> all() {
        return repository.findAllByCode();
    }
}
