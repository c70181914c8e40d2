package dev.shipgate.deploy.breakglass.adapter;

import dev.shipgate.contracts.access.Role;
import dev.shipgate.deploy.breakglass.application.BreakGlassPolicies;
import dev.shipgate.deploy.breakglass.domain.BreakGlassPolicy;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/** Break-glass policies, one document per pipeline ({@code _id} the pipeline's id). */
class MongoBreakGlassPolicies implements BreakGlassPolicies {

    static final String COLLECTION = "break_glass_policies";

    private final MongoTemplate mongo;

    MongoBreakGlassPolicies(MongoTemplate mongo) {
        this.mongo = mongo;
    }

    /** As stored: the duration as ISO-8601 text. */
    record PolicyDocument(String id, String allowedRole, String reviewWithin, String setBy, Instant setAt) {
        BreakGlassPolicy toPolicy() {
            return new BreakGlassPolicy(id, Role.valueOf(allowedRole), Duration.parse(reviewWithin), setBy, setAt);
        }
    }

    @Override
    public Optional<BreakGlassPolicy> find(String pipelineId) {
        return Optional.ofNullable(mongo.findById(pipelineId, PolicyDocument.class, COLLECTION))
                .map(PolicyDocument::toPolicy);
    }

    @Override
    public void save(BreakGlassPolicy policy) {
        mongo.save(new PolicyDocument(policy.pipelineId(), policy.allowedRole().name(),
                policy.reviewWithin().toString(), policy.setBy(), policy.setAt()), COLLECTION);
    }

    @Override
    public void delete(String pipelineId) {
        mongo.remove(Query.query(Criteria.where("_id").is(pipelineId)), COLLECTION);
    }
}
