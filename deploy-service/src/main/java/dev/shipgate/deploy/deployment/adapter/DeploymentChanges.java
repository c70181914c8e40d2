package dev.shipgate.deploy.deployment.adapter;

import dev.shipgate.deploy.deployment.application.DeploymentQueries;
import dev.shipgate.support.web.live.ChangeFeed;
import dev.shipgate.support.web.live.ChangeStreamResponse;
import dev.shipgate.support.web.live.ChangeStreams;
import org.bson.Document;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.http.MediaType;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.util.stream.Collectors;

/**
 * Live deployment status: a Server-Sent Events stream per pipeline that says when its deployments changed (a status,
 * a new one, the live one), so App Details reads again at once instead of polling. Any instance may serve the stream:
 * it polls the shared database once a second per watched pipeline ({@link ChangeFeed}), which sees what every
 * instance wrote.
 */
@RestController
class DeploymentChanges {

    /** The newest deployments whose ids and versions make the fingerprint: the ones that still change. */
    static final int NEWEST = 20;

    private final ChangeFeed<String> feed;
    private final DeploymentQueries queries;

    DeploymentChanges(ChangeFeed<String> deploymentFeed, DeploymentQueries queries) {
        this.feed = deploymentFeed;
        this.queries = queries;
    }

    /**
     * {@code text/event-stream} of events named {@code deployments}: data {@code open} first, then {@code changed}
     * whenever a deployment of the pipeline changed; read {@code GET .../deployments} or {@code .../active} again on
     * each. Ends after two minutes (reconnect). Who may watch: whoever may read the pipeline's deployments (404
     * {@code UNKNOWN_PIPELINE} otherwise, checked again before each event).
     */
    @ChangeStreamResponse
    @GetMapping(path = "/api/pipelines/{pipelineId}/deployments/changes",
            produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    public SseEmitter changes(@AuthenticationPrincipal Jwt caller, @PathVariable String pipelineId) {
        queries.requireReadable(caller.getSubject(), pipelineId);
        return ChangeStreams.open(feed, pipelineId, "deployments",
                () -> queries.readable(caller.getSubject(), pipelineId));
    }

    @Configuration(proxyBeanMethods = false)
    static class Feed {
        /** The ids, versions and statuses of a pipeline's newest deployments: one indexed read. */
        @Bean
        ChangeFeed<String> deploymentFeed(MongoTemplate mongo) {
            return ChangeStreams.feed(pipelineId -> {
                Query newest = Query.query(Criteria.where("image.pipelineId").is(pipelineId))
                        .with(Sort.by(Sort.Direction.DESC, "requestedAt")).limit(NEWEST);
                newest.fields().include("_id", "version", "status");
                return mongo.find(newest, Document.class, MongoDeployments.COLLECTION).stream()
                        .map(d -> d.get("_id") + ":" + d.get("version") + ":" + d.get("status"))
                        .collect(Collectors.joining(","));
            }, "deployment-changes");
        }
    }
}
