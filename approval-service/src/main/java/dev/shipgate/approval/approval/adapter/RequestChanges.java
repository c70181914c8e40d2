package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.support.web.live.ChangeFeed;
import dev.shipgate.support.web.live.ChangeStreamResponse;
import dev.shipgate.support.web.live.ChangeStreams;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.stream.Collectors;

/**
 * Live pending counts: a Server-Sent Events stream that says when any open approval request changed (opened, voted
 * on, decided, cancelled, expired), so the UI reads its pending list and count again at once. Any instance may serve
 * it: it polls the shared database ({@link ChangeFeed}), one read a second for all its listeners together.
 */
@RestController
class RequestChanges {

    static final String OPEN_REQUESTS = "open-requests";

    private final ChangeFeed<String> feed;
    private final AccessDirectory access;

    RequestChanges(ChangeFeed<String> requestFeed, AccessDirectory access) {
        this.feed = requestFeed;
        this.access = access;
    }

    /**
     * {@code text/event-stream} of events named {@code approval-requests}: data {@code open} first, then
     * {@code changed} when an open request changed; read {@code GET /api/approval-requests/pending-my-approval} again
     * on each (it applies who may see what: the events carry no data). Ends after two minutes (reconnect). Who may
     * watch: an active Shipgate user (403 {@code UNKNOWN_USER} otherwise, checked again before each event).
     */
    @ChangeStreamResponse
    @GetMapping(path = "/api/approval-requests/changes", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter changes(@AuthenticationPrincipal Jwt caller) {
        if (!activeUser(caller)) {
            throw Refusal.forbidden("UNKNOWN_USER", caller.getSubject() + " has no access to Shipgate").exception();
        }
        return ChangeStreams.open(feed, OPEN_REQUESTS, "approval-requests", () -> activeUser(caller));
    }

    private boolean activeUser(Jwt caller) {
        return access.find(caller.getSubject()).filter(mine -> mine.user().active()).isPresent();
    }

    @Configuration(proxyBeanMethods = false)
    static class Feed {
        /**
         * The ids and versions of the open requests (those with an open key, which its unique index holds), plus the
         * number of them: a vote, a new request and one that closes each change it.
         */
        @Bean
        ChangeFeed<String> requestFeed(MongoTemplate mongo) {
            return ChangeStreams.feed(key -> {
                Query open = Query.query(Criteria.where("openKey").exists(true));
                open.fields().include("_id", "version");
                return mongo.find(open, Document.class, MongoApprovalRequests.COLLECTION).stream()
                        .map(d -> d.get("_id") + ":" + d.get("version")).sorted()
                        .collect(Collectors.joining(","));
            }, "request-changes");
        }
    }
}
