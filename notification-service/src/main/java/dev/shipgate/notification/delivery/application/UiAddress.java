package dev.shipgate.notification.delivery.application;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * Where people reach the web UI, which mails, chat messages and paused-webhook notices link to: one value bound once
 * from {@code shipgate.ui.base-url} (delivery's {@code UiProperties}) for every feature that links, and the pages
 * they link to (each id URL-encoded into its place in the UI's hash routes).
 *
 * @param baseUrl an http(s) URL, e.g. {@code https://shipgate.example}; a trailing slash is dropped
 */
public record UiAddress(String baseUrl) {

    public UiAddress {
        baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
    }

    /** A pipeline's page ({@code #/pipelines/<id>}). */
    public String pipeline(String pipelineId) {
        return baseUrl + "/#/pipelines/" + encode(pipelineId);
    }

    /** A deployment's App Details page ({@code #/pipelines/<id>/details/<deployment>}). */
    public String deployment(String pipelineId, String deploymentId) {
        return pipeline(pipelineId) + "/details/" + encode(deploymentId);
    }

    /** A request's approve page ({@code #/approve/<id>}): the reader signs in there and votes under every rule. */
    public String approve(String requestId) {
        return baseUrl + "/#/approve/" + encode(requestId);
    }

    /** The reader's Approval pending list ({@code #/pending}). */
    public String pending() {
        return baseUrl + "/#/pending";
    }

    private static String encode(String pathPart) {
        return URLEncoder.encode(pathPart, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
