package io.leafline.catalog.book;

import org.springframework.data.domain.Page;
import org.springframework.data.domain.Pageable;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import io.leafline.catalog.publisher.PublisherRepository;

@Service
@Transactional(readOnly = true)
public class BookService {

    private final BookRepository books;
    private final PublisherRepository publishers;

    public BookService(BookRepository books, PublisherRepository publishers) {
        this.books = books;
        this.publishers = publishers;
    }

    public BookDto getBook(long id) {
        return books.findById(id)
                .map(BookService::toDto)
                .orElseThrow(() -> new BookNotFoundException(id));
    }

    public Page<BookDto> search(String query, Pageable page) {
        return books.findByTitleContainingIgnoreCase(query, page).map(BookService::toDto);
    }

    @Transactional
    public BookDto create(BookDto dto) {
        Book book = new Book(dto.isbn(), dto.title(), dto.author(), dto.price());
        apply(book, dto);
        return toDto(books.save(book));
    }

    @Transactional
    public BookDto update(long id, BookDto dto) {
        Book book = books.findById(id).orElseThrow(() -> new BookNotFoundException(id));
        book.setTitle(dto.title());
        book.setAuthor(dto.author());
        book.setPrice(dto.price());
        apply(book, dto);
        return toDto(book);
    }

    private void apply(Book book, BookDto dto) {
        book.setPreviousPrice(dto.previousPrice());
        book.setStock(dto.stock());
        if (dto.publisherId() != null) {
            book.setPublisher(publishers.getReferenceById(dto.publisherId()));
        }
    }

    public static BookDto toDto(Book b) {
        Long publisherId = b.getPublisher() == null ? null : b.getPublisher().getId();
        return new BookDto(b.getId(), b.getIsbn(), b.getTitle(), b.getAuthor(), publisherId,
                b.getPrice(), b.getPreviousPrice(), b.isDiscounted(), b.getStock());
    }
}
