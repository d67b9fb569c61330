package com.tidewater.orders.catalog;

import java.util.Optional;

import org.springframework.stereotype.Service;

import com.tidewater.orders.domain.Product;

@Service
public class ProductService {

    private final ProductRepository products;

    public ProductService(ProductRepository products) {
        this.products = products;
    }

    public Optional<Product> bySku(String sku) {
        return products.findBySku(sku);
    }

    public Product require(long id) {
        return products.findById(id)
                .orElseThrow(() -> new IllegalArgumentException("Unknown product " + id));
    }
}
