package com.hearthmarket.listing.api;

import java.net.URI;

import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import com.hearthmarket.listing.domain.Listing;
import com.hearthmarket.listing.domain.ListingRepository;
import com.hearthmarket.listing.domain.ModerationResult;
import com.hearthmarket.listing.moderation.ModerationService;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;

@Path("/v1/listings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ListingResource {

    @Inject
    ListingRepository listings;

    @Inject
    ModerationService moderation;

    @GET
    @Path("/{id}")
    public Uni<Response> get(@PathParam("id") String id) {
        return listings.findByPublicId(id)
                .onItem().ifNull().failWith(NotFoundException::new)
                .map(l -> Response.ok(ListingDto.from(l)).build());
    }

    @POST
    @WithTransaction
    public Uni<Response> create(@Valid CreateListingRequest request) {
        // field-level errors are mapped to 422 by FieldErrorMapper
        Listing listing = request.toListing();
        ModerationResult result = moderation.check(listing);
        listing.applyModeration(result);
        return listings.persist(listing)
                .map(saved -> Response.created(URI.create("/v1/listings/" + saved.publicId))
                        .entity(ListingDto.from(saved))
                        .build());
    }
}
