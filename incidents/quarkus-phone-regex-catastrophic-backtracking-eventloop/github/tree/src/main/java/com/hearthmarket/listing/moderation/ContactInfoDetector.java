package com.hearthmarket.listing.moderation;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;

import jakarta.enterprise.context.ApplicationScoped;

import org.jboss.logging.Logger;

/**
 * Finds contact details in listing text. Sellers may not move the conversation
 * off-platform (T&S policy 4.2), so listings with phone numbers, e-mail addresses
 * or messenger handles are held for review.
 */
@ApplicationScoped
public class ContactInfoDetector {

    private static final Logger LOG = Logger.getLogger(ContactInfoDetector.class);

    public List<String> scan(String listingId, String text) {
        List<String> findings = new ArrayList<>();
        if (text == null || text.isBlank()) {
            return findings;
        }
        if (containsPhoneNumber(listingId, text)) {
            findings.add("phone");
        }
        if (containsEmail(listingId, text)) {
            findings.add("email");
        }
        if (ModerationPatterns.MESSENGER_HANDLE.matcher(text).find()) {
            findings.add("messenger");
        }
        return findings;
    }

    boolean containsPhoneNumber(String listingId, String text) {
        Matcher m = ModerationPatterns.PHONE.matcher(text);
        boolean found = m.find();
        if (found) {
            LOG.debugf("listing=%s finding=phone offset=%d", listingId, m.start());
        }
        return found;
    }

    boolean containsEmail(String listingId, String text) {
        Matcher m = ModerationPatterns.EMAIL.matcher(text);
        boolean found = m.find();
        if (found) {
            LOG.debugf("listing=%s finding=email offset=%d", listingId, m.start());
        }
        return found;
    }
}
