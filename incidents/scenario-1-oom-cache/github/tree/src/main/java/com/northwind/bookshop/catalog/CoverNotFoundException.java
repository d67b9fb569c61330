package com.northwind.bookshop.catalog;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.ResponseStatus;

@ResponseStatus(HttpStatus.NOT_FOUND)
public class CoverNotFoundException extends RuntimeException {

    public CoverNotFoundException(String isbn) {
        super("No cover stored for ISBN " + isbn);
    }
}
