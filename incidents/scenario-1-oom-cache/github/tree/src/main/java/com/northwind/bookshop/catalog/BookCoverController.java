package com.northwind.bookshop.catalog;

import java.time.Duration;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Tag(name = "Covers", description = "Book cover images and thumbnails")
@RequestMapping("/api/v1/books/{isbn}")
public class BookCoverController {

    private static final CacheControl COVER_CACHE = CacheControl.maxAge(Duration.ofDays(7)).cachePublic();

    private final BookCoverService covers;

    public BookCoverController(BookCoverService covers) {
        this.covers = covers;
    }

    @Operation(summary = "Original cover scan", description = "Full-size JPEG as stored in the covers bucket.")
    @GetMapping(value = "/cover/original", produces = MediaType.IMAGE_JPEG_VALUE)
    public ResponseEntity<byte[]> original(@PathVariable String isbn) {
        return ResponseEntity.ok().cacheControl(COVER_CACHE).body(covers.getOriginal(isbn));
    }

    @Operation(summary = "Cover thumbnail",
               description = "Renders the cover at the requested size (16-1200 px per edge) in jpg, png or webp.")
    @GetMapping("/cover")
    public ResponseEntity<byte[]> thumbnail(@PathVariable String isbn,
                                            @Parameter(description = "width in pixels")
                                            @RequestParam(name = "w", defaultValue = "240") int width,
                                            @Parameter(description = "height in pixels")
                                            @RequestParam(name = "h", defaultValue = "360") int height,
                                            @Parameter(description = "jpg, png or webp")
                                            @RequestParam(name = "fmt", defaultValue = "jpg") String format) {
        byte[] body = covers.getThumbnail(isbn, width, height, format);
        return ResponseEntity.ok()
                .cacheControl(COVER_CACHE)
                .contentType(mediaType(format))
                .body(body);
    }

    private static MediaType mediaType(String format) {
        return switch (format.toLowerCase()) {
            case "png" -> MediaType.IMAGE_PNG;
            case "webp" -> MediaType.parseMediaType("image/webp");
            default -> MediaType.IMAGE_JPEG;
        };
    }
}
