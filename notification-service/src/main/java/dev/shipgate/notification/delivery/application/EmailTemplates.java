package dev.shipgate.notification.delivery.application;

import java.util.Map;

/** Renders the HTML and plain-text bodies; the HTML rendering escapes every value. */
public interface EmailTemplates {

    String html(Map<String, Object> model);

    String text(Map<String, Object> model);
}
