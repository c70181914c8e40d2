package dev.shipgate.notification.chat.application;

import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A Microsoft Teams incoming-webhook message: {@code type: message} with one attachment of content type
 * {@code application/vnd.microsoft.card.adaptive} holding an Adaptive Card 1.5
 * (https://adaptivecards.io/explorer/AdaptiveCard.html): a title TextBlock, the intro, a FactSet, the comment, and
 * an Action.OpenUrl that opens the Shipgate page. TextBlock and Fact text is rendered as a markdown subset, so typed
 * text has every markdown punctuation mark backslash-escaped: it can make no link, emphasis or list.
 */
public final class TeamsMessage {

    static final String CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";
    static final String SCHEMA = "http://adaptivecards.io/schemas/adaptive-card.json";
    private static final String MARKDOWN = "\\`*_{}[]()<>#+-.!|~&";

    private TeamsMessage() {
    }

    public static String of(ChatNotice notice, JsonMapper json) {
        ObjectNode message = json.createObjectNode().put("type", "message");
        ObjectNode attachment = message.putArray("attachments").addObject().put("contentType", CONTENT_TYPE);
        attachment.putNull("contentUrl");
        ObjectNode card = attachment.putObject("content").put("$schema", SCHEMA).put("type", "AdaptiveCard")
                .put("version", "1.5");
        ArrayNode body = card.putArray("body");
        body.addObject().put("type", "TextBlock").put("text", escape(notice.title())).put("weight", "Bolder")
                .put("size", "Medium").put("wrap", true);
        if (notice.intro() != null && !notice.intro().isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", escape(notice.intro())).put("wrap", true);
        }
        if (!notice.facts().isEmpty()) { // as Slack's: no empty set of facts
            ArrayNode facts = body.addObject().put("type", "FactSet").putArray("facts");
            notice.facts().forEach(fact -> facts.addObject().put("title", escape(fact.label()))
                    .put("value", escape(fact.value())));
        }
        if (notice.comment() != null && !notice.comment().isBlank()) {
            body.addObject().put("type", "TextBlock").put("text", escape(notice.comment())).put("wrap", true)
                    .put("isSubtle", true);
        }
        card.putArray("actions").addObject().put("type", "Action.OpenUrl").put("title", notice.buttonLabel())
                .put("url", notice.buttonUrl());
        return json.writeValueAsString(message);
    }

    /** Every markdown punctuation mark gets a backslash (CommonMark: any ASCII punctuation may be escaped). */
    public static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder escaped = new StringBuilder(text.length() + 8);
        for (char c : text.toCharArray()) {
            if (MARKDOWN.indexOf(c) >= 0) {
                escaped.append('\\');
            }
            escaped.append(c);
        }
        return escaped.toString();
    }
}
