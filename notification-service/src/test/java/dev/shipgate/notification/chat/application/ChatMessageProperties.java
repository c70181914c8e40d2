package dev.shipgate.notification.chat.application;

import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.notification.delivery.application.UiAddress;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slack and Teams messages for every event a channel hears of, and for a mail sent to a person's own chat, with any
 * typed text: each is valid against the schema written from the format's documentation (src/test/resources/chat),
 * and the typed text comes out escaped for that format and whole once unescaped.
 */
class ChatMessageProperties {

    private static final JsonMapper JSON = KafkaEventCodec.json();
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Schema SLACK = schema("/chat/slack-message.schema.json");
    private static final Schema TEAMS = schema("/chat/teams-adaptive-card-message.schema.json");
    private static final ChatNotices NOTICES = new ChatNotices(new UiAddress("https://shipgate.example.com/"));
    /** The kind drawn for a person's own chat message (an intro under the title), after the events' kinds. */
    private static final int PERSONAL = 6;

    @Property(tries = 300)
    void every_message_fits_its_schema_and_typed_text_is_escaped(@ForAll("typed") String typed,
                                                                  @ForAll("events") int kind) {
        ChatNotice notice = kind == PERSONAL ? new ChatNotice("Reminder 1: " + typed, typed + " waits for you",
                List.of(new ChatNotice.Fact("Requested by", typed)), typed, "Review and approve",
                "https://shipgate.example.com/#/approve/ar-1") // a mail written for a person's own chat
                : NOTICES.of(event(kind, typed)).orElseThrow();

        String slack = SlackMessage.of(notice, JSON);
        assertThat(SLACK.validate(slack, InputFormat.JSON)).as(slack).isEmpty();
        for (JsonNode text : JSON.readTree(slack).findValues("text")) {
            if (text.isObject() && text.path("type").asString().equals("mrkdwn")) {
                String mrkdwn = text.path("text").asString().replaceAll("(?m)^>", ""); // the comment's quote marks
                assertThat(mrkdwn).doesNotContain("<", ">");
                assertThat(mrkdwn.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&");
            }
        }
        assertThat(unescapedSlack(slack)).contains(SlackMessage.escape(cut(typed)));

        String teams = TeamsMessage.of(notice, JSON);
        assertThat(TEAMS.validate(teams, InputFormat.JSON)).as(teams).isEmpty();
        List<String> texts = teamsTexts(JSON.readTree(teams));
        for (String text : texts) {
            assertThat(unescapedMarkdownPunctuation(text)).as(text).isFalse();
        }
        assertThat(texts.stream().map(ChatMessageProperties::unescapeMarkdown)).anySatisfy(text -> assertThat(text)
                .contains(typed.length() > 40 ? typed.substring(0, 40) : typed));
    }

    @Example
    void the_button_opens_the_approve_page_of_the_request() {
        ChatNotice notice = NOTICES.of(event(0, "x")).orElseThrow();
        assertThat(notice.buttonUrl()).isEqualTo("https://shipgate.example.com/#/approve/ar%2F1%20x");
        JsonNode teams = JSON.readTree(TeamsMessage.of(notice, JSON));
        assertThat(teams.findValue("actions").get(0).path("url").asString()).isEqualTo(notice.buttonUrl());
        JsonNode slack = JSON.readTree(SlackMessage.of(notice, JSON));
        assertThat(slack.findValue("url").asString()).isEqualTo(notice.buttonUrl());
    }

    @Example
    void a_break_glass_opens_its_deployment_and_only_an_overdue_review_is_heard_of_again() {
        PipelineImage image = new PipelineImage("pl-1", "payments", "prod", "sha256:1", "1.0");
        Instant due = Instant.parse("2026-12-02T01:00:00Z");
        ChatNotice broken = NOTICES.of(new DeploymentBrokeGlass("dep 1", image, "mona", "checkout down", null, null,
                due, due.minusSeconds(3600))).orElseThrow();
        assertThat(broken.title()).isEqualTo("Break-glass: payments 1.0 for prod");
        assertThat(broken.buttonUrl()).isEqualTo("https://shipgate.example.com/#/pipelines/pl-1/details/dep%201");
        assertThat(broken.comment()).isEqualTo("checkout down");
        assertThat(broken.facts()).contains(new ChatNotice.Fact("Deployed without approval by", "mona"),
                        new ChatNotice.Fact("Incident", "none given"),
                        new ChatNotice.Fact("Review due", "2026-12-02T01:00:00Z"))
                .extracting(ChatNotice.Fact::label).doesNotContain("Rollback of");
        ChatNotice rollback = NOTICES.of(new DeploymentBrokeGlass("dep-2", image, "mona", "back", "INC-7", "dep-0",
                due, due)).orElseThrow();
        assertThat(rollback.facts()).contains(new ChatNotice.Fact("Incident", "INC-7"),
                new ChatNotice.Fact("Rollback of", "dep-0"));
        assertThat(NOTICES.of(new BreakGlassReviewChanged("dep-1", image, "mona", "x", null, "ACKNOWLEDGED", "dave",
                null, due, due))).isEmpty();
        assertThat(NOTICES.of(new BreakGlassReviewChanged("dep-1", image, "mona", "x", null, "OVERDUE", null, null,
                due, due)).orElseThrow().title()).isEqualTo("Break-glass review overdue: payments 1.0 for prod");
    }

    @Example
    void votes_that_decide_nothing_make_no_chat_message_and_the_schema_refuses_a_broken_message() {
        PipelineImage image = new PipelineImage("pl-1", "payments", "prod", "sha256:1", "1.0");
        assertThat(NOTICES.of(new ApprovalGiven("ar-1", image, "alice", "bob", 1, 2, null))).isEmpty();
        assertThat(SLACK.validate("{\"text\":\"t\",\"blocks\":[{\"type\":\"actions\",\"elements\":[{\"type\":"
                + "\"button\",\"text\":{\"type\":\"plain_text\",\"text\":\"" + "x".repeat(76) + "\"}}]}]}",
                InputFormat.JSON)).isNotEmpty();
        assertThat(TEAMS.validate("{\"type\":\"message\",\"attachments\":[{\"contentType\":"
                + "\"application/vnd.microsoft.card.adaptive\",\"content\":{\"type\":\"AdaptiveCard\",\"body\":[]}}]}",
                InputFormat.JSON)).isNotEmpty(); // no version
    }

    @Provide
    Arbitrary<String> typed() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMinLength(1).ofMaxLength(60)
                        .withChars("<>&*_[]()#`~!|-+.\\{}:/ @abc\n"),
                Arbitraries.of("<!channel>", "<https://evil.example|click>", "[click](https://evil.example)",
                        "**bold** _it_", "& &amp; &lt;", "# heading", "- list"));
    }

    @Provide
    Arbitrary<Integer> events() {
        return Arbitraries.integers().between(0, PERSONAL);
    }

    /** Typed text in every user-typed field the event has. */
    private static EventPayload event(int kind, String typed) {
        PipelineImage image = new PipelineImage("pl-1", "payments", "prod", "sha256:abc", typed);
        return switch (kind) {
            case 0 -> new ApprovalRequested("ar/1 x", image, typed, List.of("bob"), 1, typed,
                    Instant.parse("2026-12-02T00:00:00Z"));
            case 1 -> new ImageApproved("ar-1", image, "alice", List.of(typed, "bob"),
                    Instant.parse("2026-12-02T00:00:00Z"));
            case 2 -> new ApprovalRejected("ar-1", image, "alice", typed, typed);
            case 3 -> new DeploymentStatusChanged("dep-1", image, typed, "FAILED", typed, Instant.now(), "ar-1",
                    List.of("bob"));
            case 4 -> new DeploymentBrokeGlass("dep-1", image, typed, typed, typed, null, Instant.now(), Instant.now());
            default -> new BreakGlassReviewChanged("dep-1", image, typed, typed, typed, "OVERDUE", null, null,
                    Instant.now(), Instant.now());
        };
    }

    /** Also a notice without facts: Slack refuses a section of no fields (it was sent as one). */
    @net.jqwik.api.Example
    void a_text_longer_than_slack_takes_is_cut_before_an_escape_never_inside_one() {
        String typed = "a" + "&".repeat(SlackMessage.SECTION_TEXT_MAX); // '&' is five characters escaped
        ChatNotice notice = new ChatNotice("Long", typed, List.of(), typed, "Open",
                "https://shipgate.example.com/#/approve/ar-1");
        String slack = SlackMessage.of(notice, JSON);
        assertThat(SLACK.validate(slack, InputFormat.JSON)).as(slack).isEmpty();
        String teams = TeamsMessage.of(notice, JSON);
        assertThat(TEAMS.validate(teams, InputFormat.JSON)).as(teams).isEmpty();
        for (JsonNode text : JSON.readTree(slack).findValues("text")) {
            if (text.isObject() && text.path("type").asString().equals("mrkdwn")) {
                assertThat(text.path("text").asString()).endsWith("&amp;…")
                        .satisfies(cut -> assertThat(cut.replaceAll("&(amp|lt|gt);", "")).doesNotContain("&"));
            }
        }
    }

    private static String cut(String typed) {
        return typed.length() > 40 ? typed.substring(0, 40) : typed;
    }

    private static String unescapedSlack(String slack) {
        StringBuilder all = new StringBuilder();
        JSON.readTree(slack).findValues("text").forEach(t -> all.append(t.isObject() ? t.path("text").asString()
                : t.asString()).append('\n'));
        return all.toString();
    }

    private static List<String> teamsTexts(JsonNode message) {
        List<String> texts = new ArrayList<>();
        for (JsonNode element : message.path("attachments").get(0).path("content").path("body")) {
            if (element.has("text")) {
                texts.add(element.path("text").asString());
            }
            for (JsonNode fact : element.path("facts")) {
                texts.add(fact.path("title").asString());
                texts.add(fact.path("value").asString());
            }
        }
        return texts;
    }

    /** Whether a markdown punctuation mark stands without its backslash. */
    private static boolean unescapedMarkdownPunctuation(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++; // the escaped character
            } else if ("`*_{}[]()<>#+-.!|~&".indexOf(c) >= 0) {
                return true;
            }
        }
        return false;
    }

    private static String unescapeMarkdown(String text) {
        return text.replaceAll("\\\\(.)", "$1");
    }

    private static Schema schema(String resource) {
        try (InputStream text = ChatMessageProperties.class.getResourceAsStream(resource)) {
            return SCHEMAS.getSchema(text);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
