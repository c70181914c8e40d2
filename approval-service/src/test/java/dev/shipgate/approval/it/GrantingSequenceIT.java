package dev.shipgate.approval.it;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.access.AccessArbitraries;
import dev.shipgate.approval.access.AccessModel;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.testing.Http;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The model-based sequences of {@code GrantingSequenceTest}, fewer of them, through approval-service's real HTTP API:
 * a super admin sets up the generated state, then each generated attempt by a non-super-admin is a PUT that must be
 * answered as the model decides (200, or 403 with the model's reason), and at the end the stored grants are the
 * model's, with no escalation.
 */
class GrantingSequenceIT extends ApprovalServiceTestBase {

    private static final int TRIES = 12;

    @Test
    void generated_sequences_of_grants_by_non_super_admins_are_answered_as_the_model_decides() {
        List<AccessModel> starts = AccessArbitraries.startingStates().sampleStream().limit(TRIES).toList();
        List<List<AccessModel.Draft>> sequences = AccessArbitraries.attempts(20).sampleStream().limit(TRIES)
                .toList();
        for (int i = 0; i < TRIES; i++) {
            run(starts.get(i), sequences.get(i));
        }
    }

    private void run(AccessModel start, List<AccessModel.Draft> drafts) {
        String prefix = "q" + UUID.randomUUID().toString().substring(0, 6) + "-";
        for (Group group : start.groups()) {
            assertThat(http().put("dave", "/api/access/groups/" + prefix + group.name(), groupBody(group.grants()))
                    .status()).isEqualTo(200);
        }
        for (User user : start.users()) {
            assertThat(http().put("dave", "/api/access/users/" + prefix + user.id(), userBody(prefix, user,
                    user.grants())).status()).isEqualTo(200);
        }
        AccessModel model = start.copy();
        for (AccessModel.Draft draft : drafts) {
            AccessModel.Attempt attempt = model.resolve(draft);
            if (attempt == null) {
                continue;
            }
            Http.Response answer = attempt.kind() == AccessModel.Kind.CHANGE_GROUP
                    ? http().put(prefix + attempt.actor(), "/api/access/groups/" + prefix + attempt.target(),
                            groupBody(model.requestedForGroup(attempt)))
                    : http().put(prefix + attempt.actor(), "/api/access/users/" + prefix + attempt.target(),
                            userBody(prefix, model.user(attempt.target()), model.requested(attempt)));
            Optional<Refusal> expected = model.apply(attempt);
            String context = attempt + " from " + start + ": " + answer.body();
            if (expected.isEmpty()) {
                assertThat(answer.status()).as(context).isEqualTo(200);
            } else {
                assertThat(answer.status()).as(context).isEqualTo(403);
                assertThat(answer.reason()).as(context).isEqualTo(expected.get().reason());
            }
        }
        assertThat(model.escalationsSince(start)).isEmpty();
        Map<String, Set<String>> stored = new HashMap<>();
        for (var user : http().get("dave", "/api/access/users").json()) {
            String id = user.path("id").asString();
            if (id.startsWith(prefix)) {
                Set<String> grants = new java.util.HashSet<>();
                for (var grant : user.path("grants")) {
                    grants.add(grant.path("role").asString() + " " + grant.path("scope").path("project").asString()
                            + "/" + grant.path("scope").path("application").asString() + "/"
                            + grant.path("scope").path("environment").asString());
                }
                stored.put(id.substring(prefix.length()), grants);
            }
        }
        Map<String, Set<String>> modelled = model.users().stream().collect(Collectors.toMap(User::id,
                user -> user.grants().stream().map(GrantingSequenceIT::text).collect(Collectors.toSet())));
        assertThat(stored).as("after %s from %s", drafts, start).isEqualTo(modelled);
    }

    private static String text(Grant grant) {
        return grant.role() + " " + grant.scope().project() + "/" + grant.scope().application() + "/"
                + grant.scope().environment();
    }

    private static Map<String, Object> userBody(String prefix, User user, List<Grant> grants) {
        return Map.of("email", user.email(), "displayName", user.displayName(), "active", user.active(),
                "groups", user.groups().stream().map(group -> prefix + group).toList(), "roles", bindings(grants));
    }

    private static Map<String, Object> groupBody(List<Grant> grants) {
        return Map.of("description", "generated", "roles", bindings(grants));
    }

    private static List<Map<String, String>> bindings(List<Grant> grants) {
        return grants.stream().map(grant -> Map.of("role", grant.role().name(), "project", grant.scope().project(),
                "application", grant.scope().application(), "environment", grant.scope().environment())).toList();
    }
}
