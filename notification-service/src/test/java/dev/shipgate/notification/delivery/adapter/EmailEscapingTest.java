package dev.shipgate.notification.delivery.adapter;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Text a user typed (a break-glass justification, an incident reference, a comment, the id a deputy stands in for)
 * reaches the HTML mail escaped: the real templates, not a stand-in.
 */
class EmailEscapingTest {

    @Test
    void typed_text_in_facts_and_comment_is_escaped_in_the_html_mail() {
        String typed = "payments <script>alert(1)</script> & \"down\"";
        String html = new MustacheEmailTemplates().html(Map.of("subject", "Break-glass", "intro", "x",
                "facts", List.of(Map.of("label", "Incident", "value", typed)), "comment", typed,
                "actionUrl", "https://shipgate.example", "actionLabel", "Review"));

        assertThat(html).doesNotContain("<script>").contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp;");
    }

    @Test
    void the_intro_naming_whom_a_deputy_stands_in_for_is_escaped_in_the_html_mail() {
        String intro = "alice asks you, as deputy of <b>carol</b> & co, to approve an image for deployment.";
        String html = new MustacheEmailTemplates().html(Map.of("subject", "Approval requested", "intro", intro,
                "facts", List.of(), "actionUrl", "https://shipgate.example", "actionLabel", "Review"));

        assertThat(html).doesNotContain("<b>carol</b>").contains("as deputy of &lt;b&gt;carol&lt;/b&gt; &amp; co");
    }
}
