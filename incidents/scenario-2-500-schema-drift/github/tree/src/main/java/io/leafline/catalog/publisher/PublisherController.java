package io.leafline.catalog.publisher;

import java.util.List;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.data.web.PageableDefault;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import io.leafline.catalog.book.BookDto;
import io.leafline.catalog.book.BookRepository;
import io.leafline.catalog.book.BookService;

@RestController
@RequestMapping("/api/v1/publishers")
public class PublisherController {

    private final PublisherRepository publishers;
    private final BookRepository books;

    public PublisherController(PublisherRepository publishers, BookRepository books) {
        this.publishers = publishers;
        this.books = books;
    }

    @GetMapping
    public List<Publisher> list() {
        return publishers.findAll();
    }

    @GetMapping("/{id}/books")
    public Page<BookDto> books(@PathVariable long id,
                               @PageableDefault(size = 50, sort = "title") Pageable page) {
        return books.findByPublisherId(id, page).map(BookService::toDto);
    }
}
