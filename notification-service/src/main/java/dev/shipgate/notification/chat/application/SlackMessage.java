package dev.shipgate.notification.chat.application;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Slack incoming-webhook message (https://docs.slack.dev/messaging/sending-messages-using-incoming-webhooks): a
 * {@code text} fallback for notifications, and Block Kit blocks (https://docs.slack.dev/reference/block-kit/blocks):
 * a header, the intro, a section of fields, the comment, and an actions block whose button opens the Shipgate page.
 * Typed text is escaped as Slack asks for mrkdwn ({@code &}, {@code <}, {@code >} as HTML entities), so it can
 * neither mention anyone nor make a labelled link ({@code <url|text>}); a bare URL typed in it still shows as a link,
 * as Slack links every URL it sees (the reader sees where it goes). It is cut to the documented lengths, never inside
 * an entity.
 */
public final class SlackMessage {

    static final int SECTION_TEXT_MAX = 3000;
    static final int HEADER_MAX = 150;
    static final int FIELD_MAX = 2000;
    static final int BUTTON_TEXT_MAX = 75;

    private SlackMessage() {
    }

    public static String of(ChatNotice notice, JsonMapper json) {
        ObjectNode message = json.createObjectNode();
        message.put("text", cut(escape(notice.title()), SECTION_TEXT_MAX));
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", cut(notice.title(), HEADER_MAX));
        if (notice.intro() != null && !notice.intro().isBlank()) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", cut(escape(notice.intro()), SECTION_TEXT_MAX));
        }
        if (!notice.facts().isEmpty()) { // a section of fields needs at least one
            ArrayNode fields = blocks.addObject().put("type", "section").putArray("fields");
            for (ChatNotice.Fact fact : notice.facts().subList(0, Math.min(10, notice.facts().size()))) {
                fields.addObject().put("type", "mrkdwn")
                        .put("text", cut("*" + escape(fact.label()) + "*\n" + escape(fact.value()), FIELD_MAX));
            }
        }
        if (notice.comment() != null && !notice.comment().isBlank()) {
            blocks.addObject().put("type", "section").putObject("text").put("type", "mrkdwn")
                    .put("text", cut(">" + escape(notice.comment()).replace("\n", "\n>"), SECTION_TEXT_MAX));
        }
        ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject()
                .put("type", "button").put("action_id", "open").put("url", notice.buttonUrl());
        button.putObject("text").put("type", "plain_text").put("text", cut(notice.buttonLabel(), BUTTON_TEXT_MAX));
        return json.writeValueAsString(message);
    }

    /** Slack's three control characters in mrkdwn (https://docs.slack.dev/messaging/formatting-message-text). */
    public static String escape(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        String kept = text.substring(0, max - 1);
        int entity = kept.lastIndexOf('&');
        if (entity >= 0 && kept.indexOf(';', entity) < 0) { // an escape cut in two: drop its first half
            kept = kept.substring(0, entity);
        }
        return kept + "…";
    }
}
