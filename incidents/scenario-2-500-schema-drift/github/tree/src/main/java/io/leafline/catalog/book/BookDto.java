package io.leafline.catalog.book;

import java.math.BigDecimal;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record BookDto(
        Long id,
        @NotBlank @Size(max = 17) String isbn,
        @NotBlank @Size(max = 300) String title,
        @NotBlank @Size(max = 200) String author,
        Long publisherId,
        @DecimalMin("0.00") BigDecimal price,
        @DecimalMin("0.00") BigDecimal previousPrice,
        boolean discounted,
        int stock) {
}
