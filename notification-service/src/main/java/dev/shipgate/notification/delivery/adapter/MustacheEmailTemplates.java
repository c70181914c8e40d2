package dev.shipgate.notification.delivery.adapter;

import com.samskivert.mustache.Mustache;
import com.samskivert.mustache.Template;
import dev.shipgate.notification.delivery.application.EmailTemplates;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Objects;

/**
 * JMustache templates under {@code templates/}: the HTML one escapes every value (whatever a user typed stays
 * text), the plain-text one does not need to.
 */
class MustacheEmailTemplates implements EmailTemplates {

    private final Template html;
    private final Template text;

    MustacheEmailTemplates() {
        this.html = compile(Mustache.compiler().escapeHTML(true).defaultValue(""), "templates/email.html.mustache");
        this.text = compile(Mustache.compiler().escapeHTML(false).defaultValue(""), "templates/email.txt.mustache");
    }

    @Override
    public String html(Map<String, Object> model) {
        return html.execute(model);
    }

    @Override
    public String text(Map<String, Object> model) {
        return text.execute(model);
    }

    private static Template compile(Mustache.Compiler compiler, String resource) {
        try (Reader reader = new InputStreamReader(Objects.requireNonNull(
                MustacheEmailTemplates.class.getClassLoader().getResourceAsStream(resource), resource),
                StandardCharsets.UTF_8)) {
            return compiler.compile(reader);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
