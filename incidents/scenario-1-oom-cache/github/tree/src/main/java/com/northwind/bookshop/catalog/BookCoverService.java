package com.northwind.bookshop.catalog;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import javax.imageio.ImageIO;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;

/**
 * Serves book cover images. Originals live in the object store; thumbnails are
 * rendered on demand for the size the client asks for (the CDN caches them).
 */
@Service
public class BookCoverService {

    private static final Logger log = LoggerFactory.getLogger(BookCoverService.class);

    static final int MIN_EDGE = 16;
    static final int MAX_EDGE = 1200;

    /**
     * Rendered thumbnails by isbn, size and format. Rendering costs 40-120 ms of CPU
     * and the storefront grid asks for the same covers all day, so keep the bytes.
     */
    private static final Map<String, byte[]> THUMBNAIL_CACHE = new HashMap<>();

    private final CoverStorageClient storage;

    public BookCoverService(CoverStorageClient storage, MeterRegistry registry) {
        this.storage = storage;
        Gauge.builder("bookshop.covers.thumbnail.cache.entries", THUMBNAIL_CACHE, Map::size)
                .description("Rendered thumbnails held in memory")
                .register(registry);
    }

    public byte[] getOriginal(String isbn) {
        return storage.fetchCover(isbn)
                .orElseThrow(() -> new CoverNotFoundException(isbn));
    }

    public byte[] getThumbnail(String isbn, int width, int height, String format) {
        validateSize(width, height);
        String fmt = format.toLowerCase(Locale.ROOT);
        String key = isbn + ':' + width + 'x' + height + '.' + fmt;
        byte[] cached = THUMBNAIL_CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        byte[] original = getOriginal(isbn);
        byte[] rendered = renderThumbnail(original, width, height, fmt);
        THUMBNAIL_CACHE.put(key, rendered);
        log.debug("Cached thumbnail {} ({} bytes, {} entries)", key, rendered.length, THUMBNAIL_CACHE.size());
        return rendered;
    }

    byte[] renderThumbnail(byte[] original, int width, int height, String format) {
        try {
            BufferedImage source = ImageIO.read(new ByteArrayInputStream(original));
            if (source == null) {
                throw new IllegalStateException("Unreadable cover image");
            }
            BufferedImage target = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = target.createGraphics();
            try {
                // rendered once per key now, so we can afford the better filter
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION,
                        RenderingHints.VALUE_INTERPOLATION_BICUBIC);
                g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
                g.drawImage(source, 0, 0, width, height, null);
            } finally {
                g.dispose();
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream(32 * 1024);
            if (!ImageIO.write(target, format, out)) {
                throw new IllegalArgumentException("Unsupported image format: " + format);
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("Thumbnail rendering failed", e);
        }
    }

    private static void validateSize(int width, int height) {
        if (width < MIN_EDGE || height < MIN_EDGE || width > MAX_EDGE || height > MAX_EDGE) {
            throw new IllegalArgumentException("Thumbnail size out of range: " + width + "x" + height);
        }
    }
}
