package com.hearthmarket.listing.moderation;

import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.hearthmarket.listing.domain.Listing;
import com.hearthmarket.listing.domain.ModerationResult;

import org.eclipse.microprofile.config.inject.ConfigProperty;

@ApplicationScoped
public class ModerationService {

    @Inject
    ContactInfoDetector contactInfo;

    @ConfigProperty(name = "listing.moderation.enabled", defaultValue = "true")
    boolean enabled;

    public ModerationResult check(Listing listing) {
        if (!enabled) {
            return ModerationResult.approved();
        }
        List<String> findings = new ArrayList<>();
        findings.addAll(contactInfo.scan(listing.publicId, listing.title));
        findings.addAll(contactInfo.scan(listing.publicId, listing.description));
        return findings.isEmpty() ? ModerationResult.approved() : ModerationResult.heldForReview(findings);
    }
}
