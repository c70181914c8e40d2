package dev.shipgate.support.web;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;

import java.io.IOException;

/** Writes an RFC 9457 problem where no controller advice runs (security filters). */
public final class ProblemWriter {

    private ProblemWriter() {
    }

    public static void write(HttpServletResponse response, HttpStatus status, String reason, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType("application/problem+json");
        response.getWriter().write(json(status.value(), status.getReasonPhrase(), reason, detail));
    }

    /** The problem document itself, for writers that have their own way to the response. */
    static String json(int status, String title, String reason, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + jsonEscape(title) + "\",\"status\":" + status
                + ",\"reason\":\"" + jsonEscape(reason) + "\",\"detail\":\"" + jsonEscape(detail) + "\"}";
    }

    static String jsonEscape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
