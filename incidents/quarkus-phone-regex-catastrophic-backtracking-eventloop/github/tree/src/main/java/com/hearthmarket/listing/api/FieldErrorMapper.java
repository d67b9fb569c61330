package com.hearthmarket.listing.api;

import java.util.List;

import jakarta.validation.ConstraintViolationException;
import jakarta.ws.rs.core.Response;

import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

public class FieldErrorMapper {

    record FieldError(String field, String message) {
    }

    @ServerExceptionMapper
    public Response map(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                .toList();
        return Response.status(422).entity(errors).build();
    }
}
