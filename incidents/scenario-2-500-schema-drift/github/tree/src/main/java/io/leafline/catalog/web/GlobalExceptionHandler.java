package io.leafline.catalog.web;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.leafline.catalog.book.BookNotFoundException;
import jakarta.servlet.http.HttpServletRequest;

@RestControllerAdvice
public class GlobalExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(GlobalExceptionHandler.class);

    /** Full stack traces are logged once per (exception type, throwing frame); repeats get one line. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    @ExceptionHandler(BookNotFoundException.class)
    ProblemDetail notFound(BookNotFoundException e) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
    }

    @ExceptionHandler(DataAccessException.class)
    ProblemDetail dataAccess(DataAccessException e, HttpServletRequest request) {
        log.error("Data access failure on {} {}: {}", request.getMethod(), request.getRequestURI(),
                e.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE,
                "Catalog temporarily unavailable");
        problem.setProperty("retryable", true);
        return problem;
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        String type = e.getClass().getSimpleName();
        String key = e.getStackTrace().length > 0 ? type + '@' + e.getStackTrace()[0] : type;
        if (seen.add(key)) {
            log.error("Unhandled error on {} {}", request.getMethod(), request.getRequestURI(), e);
        } else {
            log.error("Unhandled error on {} {}: {} (full stack trace suppressed, seen before)",
                    request.getMethod(), request.getRequestURI(), type);
        }
        return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");
    }
}
