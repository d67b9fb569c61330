package com.northwind.bookshop.search;

import java.util.List;

import org.springframework.cache.annotation.Cacheable;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Service;

import com.northwind.bookshop.catalog.Book;
import com.northwind.bookshop.catalog.BookRepository;
import com.northwind.bookshop.config.CacheConfig;

@Service
public class BookSearchService {

    private static final int MAX_RESULTS = 50;

    private final BookRepository books;

    public BookSearchService(BookRepository books) {
        this.books = books;
    }

    @Cacheable(cacheNames = CacheConfig.BOOK_SEARCH,
               key = "T(com.northwind.bookshop.search.BookSearchService).normalize(#query) + ':' + #limit")
    public List<BookHit> search(String query, int limit) {
        String q = normalize(query);
        if (q.length() < 2) {
            return List.of();
        }
        PageRequest page = PageRequest.of(0, Math.min(limit, MAX_RESULTS), Sort.by("title"));
        return books.searchByTitleOrAuthor(q, page).stream()
                .map(BookSearchService::toHit)
                .toList();
    }

    static String normalize(String query) {
        return query == null ? "" : query.trim().toLowerCase().replaceAll("\\s+", " ");
    }

    private static BookHit toHit(Book b) {
        return new BookHit(b.getIsbn(), b.getTitle(), b.getAuthor(), b.getPrice());
    }
}
