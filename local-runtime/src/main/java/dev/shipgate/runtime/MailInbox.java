package dev.shipgate.runtime;

import com.icegreen.greenmail.util.GreenMail;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The received mail over HTTP. Bodies are shown escaped: they may carry whatever a user typed. */
final class MailInbox {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final GreenMail greenMail;

    MailInbox(GreenMail greenMail) {
        this.greenMail = greenMail;
    }

    void register(HttpServer http) {
        http.createContext("/api/messages", this::messages);
        http.createContext("/health", exchange -> respond(exchange, 200, "text/plain", "UP"));
        http.createContext("/", this::page);
    }

    private void messages(HttpExchange exchange) throws IOException {
        try {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                greenMail.purgeEmailFromAllMailboxes();
                respond(exchange, 204, "text/plain", "");
                return;
            }
            respond(exchange, 200, "application/json", JSON.writeValueAsString(received()));
        } catch (Exception e) {
            respond(exchange, 500, "text/plain", "cannot read the inbox: " + e.getMessage());
        }
    }

    private void page(HttpExchange exchange) throws IOException {
        try {
            StringBuilder html = new StringBuilder("<!doctype html><meta charset=utf-8><title>Shipgate mail inbox"
                    + "</title><style>body{font-family:sans-serif;margin:2rem}article{border:1px solid #ccc;"
                    + "padding:1rem;margin:1rem 0}pre{white-space:pre-wrap}</style><h1>Mail inbox</h1>");
            List<Map<String, Object>> all = received();
            if (all.isEmpty()) {
                html.append("<p>No mail yet.</p>");
            }
            for (int i = all.size() - 1; i >= 0; i--) { // newest first
                Map<String, Object> mail = all.get(i);
                html.append("<article><h2>").append(escape(mail.get("subject"))).append("</h2><p>To: ")
                        .append(escape(mail.get("to"))).append("<br>From: ").append(escape(mail.get("from")))
                        .append("</p><pre>").append(escape(mail.get("text"))).append("</pre></article>");
            }
            respond(exchange, 200, "text/html; charset=utf-8", html.toString());
        } catch (Exception e) {
            respond(exchange, 500, "text/plain", "cannot read the inbox: " + e.getMessage());
        }
    }

    private List<Map<String, Object>> received() throws MessagingException, IOException {
        List<Map<String, Object>> result = new ArrayList<>();
        for (MimeMessage message : greenMail.getReceivedMessages()) {
            Map<String, Object> mail = new LinkedHashMap<>();
            mail.put("messageId", message.getMessageID());
            mail.put("from", addresses(message.getFrom()));
            mail.put("to", addresses(message.getRecipients(Message.RecipientType.TO)));
            mail.put("subject", message.getSubject());
            mail.put("text", findPart(message, "text/plain"));
            mail.put("html", findPart(message, "text/html"));
            mail.put("headers", Map.of("X-Shipgate-Event", headerOrEmpty(message, "X-Shipgate-Event")));
            result.add(mail);
        }
        return result;
    }

    private static String headerOrEmpty(MimeMessage message, String name) throws MessagingException {
        String value = message.getHeader(name, ",");
        return value == null ? "" : value;
    }

    private static List<String> addresses(Address[] addresses) {
        return addresses == null ? List.of() : Arrays.stream(addresses).map(Address::toString).toList();
    }

    private static String findPart(Part part, String mimeType) throws MessagingException, IOException {
        if (part.isMimeType(mimeType)) {
            return String.valueOf(part.getContent());
        }
        if (part.isMimeType("multipart/*")) {
            Multipart multipart = (Multipart) part.getContent();
            for (int i = 0; i < multipart.getCount(); i++) {
                BodyPart child = multipart.getBodyPart(i);
                String found = findPart(child, mimeType);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }

    private static String escape(Object value) {
        String text = value == null ? "" : value.toString();
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, status == 204 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (status != 204) {
                out.write(bytes);
            }
        }
    }
}
