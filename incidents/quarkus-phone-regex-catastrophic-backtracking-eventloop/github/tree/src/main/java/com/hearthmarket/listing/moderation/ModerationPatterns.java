package com.hearthmarket.listing.moderation;

import java.util.regex.Pattern;

/**
 * Patterns used by {@link ContactInfoDetector}. Compiled once; all are applied to
 * titles and descriptions (max 8000 chars, see listing.description.max-length).
 */
public final class ModerationPatterns {

    private ModerationPatterns() {
    }

    /**
     * Phone numbers in any common notation: +44 (0)7700 900123, 07700.900.123, 0 7 7 0 0 9 0 0 1 2 3,
     * +33 6 12 34 56 78. Optional country code, then digit groups with optional separators, ending in 4+ digits.
     */
    public static final Pattern PHONE = Pattern.compile(
            "(?:\\+?\\d{1,3}[\\s.-]?)?(?:\\(?\\d+\\)?[\\s.-]?)+\\d{4}");
    public static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9.-]{1,253}\\.[A-Za-z]{2,24}");

    /** "whatsapp me", "text me on telegram", "@handle on insta" ... */
    public static final Pattern MESSENGER_HANDLE = Pattern.compile(
            "(?i)\\b(?:whats\\s?app|telegram|signal|insta(?:gram)?|snap(?:chat)?)\\b");
}
