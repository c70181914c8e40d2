package dev.shipgate.notification.chat.application;

import java.util.List;

/**
 * What a chat message says, before it is written in Slack's or Teams' format: every text here is as typed or stored,
 * not yet escaped (each format escapes it its own way).
 *
 * @param title       one line: what happened
 * @param intro       a sentence or two under the title, or null
 * @param facts       label and value pairs (the values may be user-typed)
 * @param comment     the comment typed with it, or null
 * @param buttonLabel the button's label
 * @param buttonUrl   the Shipgate page the button opens (the approve page, which asks the reader to sign in)
 */
public record ChatNotice(String title, String intro, List<Fact> facts, String comment, String buttonLabel,
                         String buttonUrl) {

    public record Fact(String label, String value) {
    }

    public ChatNotice {
        facts = List.copyOf(facts);
    }

    /** A notice of an event a channel hears of: its title says it all. */
    public ChatNotice(String title, List<Fact> facts, String comment, String buttonLabel, String buttonUrl) {
        this(title, null, facts, comment, buttonLabel, buttonUrl);
    }
}
