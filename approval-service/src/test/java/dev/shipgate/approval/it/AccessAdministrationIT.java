package dev.shipgate.approval.it;

import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.testing.Http;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may change access, and that every change reaches the compacted access topic. */
class AccessAdministrationIT extends ApprovalServiceTestBase {

    private static Map<String, Object> user(String email, List<Map<String, String>> roles) {
        return Map.of("email", email, "displayName", "Frank", "active", true, "groups", List.of(), "roles", roles);
    }

    private static final Map<String, String> VIEW_PAYMENTS = Map.of("role", "VIEW", "project", "shop",
            "application", "payments", "environment", "*");
    // ranked roles: a MANAGER holds them (IMAGE_APPROVER she would have to hold as well, see ScopedManagerIT)
    private static final Map<String, String> DEPLOY_PAYMENTS = Map.of("role", "BUILD_AND_DEPLOY", "project", "shop",
            "application", "payments", "environment", "*");
    private static final Map<String, String> DEPLOY_BILLING = Map.of("role", "BUILD_AND_DEPLOY", "project", "shop",
            "application", "billing", "environment", "*");

    @Test
    void a_manager_grants_within_their_scope_only_and_cannot_redirect_someones_mail() {
        assertThat(http().put("dave", "/api/access/users/frank", user("frank@example.com", List.of(VIEW_PAYMENTS)))
                .status()).isEqualTo(200);

        Http.Response granted = http().put("mona", "/api/access/users/frank", user("frank@example.com",
                List.of(VIEW_PAYMENTS, DEPLOY_PAYMENTS)));
        Http.Response outOfScope = http().put("mona", "/api/access/users/frank", user("frank@example.com",
                List.of(VIEW_PAYMENTS, DEPLOY_PAYMENTS, DEPLOY_BILLING)));
        Http.Response redirected = http().put("mona", "/api/access/users/frank", user("mona@evil.example",
                List.of(VIEW_PAYMENTS, DEPLOY_PAYMENTS)));
        Http.Response byDeveloper = http().put("alice", "/api/access/users/frank", user("frank@example.com",
                List.of(VIEW_PAYMENTS)));

        assertThat(granted.status()).isEqualTo(200);
        assertThat(outOfScope.reason()).isEqualTo("NOT_ALLOWED_TO_GRANT");
        assertThat(redirected.reason()).isEqualTo("SUPER_ADMIN_ONLY");
        assertThat(byDeveloper.reason()).isEqualTo("NOT_ALLOWED_TO_GRANT");
        UserAccessChanged published = topics.await(UserAccessChanged.class, e -> e.userId().equals("frank")
                && e.roles().stream().anyMatch(r -> r.role().equals("BUILD_AND_DEPLOY")));
        assertThat(published.email()).isEqualTo("frank@example.com");
        assertThat(http().get("frank", "/api/access/me").json().path("roles").size()).isEqualTo(2);
    }
}
