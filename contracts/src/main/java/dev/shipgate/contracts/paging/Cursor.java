package dev.shipgate.contracts.paging;

import dev.shipgate.contracts.refusal.Refusal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;

/**
 * Where a newest-first list goes on: after the item with this time and id (lists sort by time descending, then id
 * descending, so the pair is a total order and a page never repeats or skips an item written meanwhile). Clients get
 * it as an opaque string ({@link #encode}) and must not build one.
 *
 * @param at the last item's sort time, millisecond precision (what the database keeps)
 * @param id the last item's id
 */
public record Cursor(Instant at, String id) {

    private static final char SEPARATOR = '~';

    public Cursor {
        if (at == null || id == null) {
            throw new IllegalArgumentException("a cursor needs a time and an id");
        }
    }

    /** URL-safe base64 of {@code <epoch millis>~<id>}. */
    public String encode() {
        String plain = at.toEpochMilli() + String.valueOf(SEPARATOR) + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(plain.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Reads a cursor a list gave out.
     *
     * @throws dev.shipgate.contracts.refusal.RefusedException INVALID_CURSOR (400) when {@link #encode} did not make it
     */
    public static Cursor decode(String encoded) {
        try {
            String plain = new String(Base64.getUrlDecoder().decode(encoded), StandardCharsets.UTF_8);
            int split = plain.indexOf(SEPARATOR);
            return new Cursor(Instant.ofEpochMilli(Long.parseLong(plain.substring(0, split))),
                    plain.substring(split + 1));
        } catch (RuntimeException e) {
            throw Refusal.invalid("INVALID_CURSOR", "the cursor is not one this list gave out: start again from the"
                    + " first page").exception();
        }
    }
}
