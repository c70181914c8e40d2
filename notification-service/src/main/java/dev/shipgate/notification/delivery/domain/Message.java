package dev.shipgate.notification.delivery.domain;

import java.util.List;

/**
 * A composed message for one recipient: the email ({@code html}, {@code text}) and what it says in parts
 * ({@code summary}), from which a chat message is written.
 */
public record Message(String recipient, String subject, String html, String text, Summary summary) {

    /**
     * The message's parts, as typed or stored (not escaped: each format escapes them its own way).
     *
     * @param intro       one or two sentences: what happened
     * @param facts       label and value pairs
     * @param comment     what someone typed with it, or null
     * @param actionUrl   the Shipgate page the button opens, without what is the mail's recipient's alone (their
     *                    approve-from-email link)
     * @param actionLabel the button's label
     */
    public record Summary(String intro, List<Fact> facts, String comment, String actionUrl, String actionLabel) {

        public Summary {
            facts = List.copyOf(facts);
        }
    }

    public record Fact(String label, String value) {
    }
}
