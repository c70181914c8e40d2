package dev.shipgate.approval.it;

import dev.shipgate.testing.Http;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 item 1, as reported: mona (MANAGER on shop / payments / *) tries to make herself, and erin, global. Each
 * refusal is a 403 problem with its own reason, and nothing changes; granting inside her scope still works. And its
 * follow-up: she made the service account ci-bot an image approver, a role she does not hold.
 */
class ScopedManagerIT extends ApprovalServiceTestBase {

    private static final Map<String, String> MONA_OWN = binding("MANAGER", "shop", "payments", "*");
    private static final Map<String, String> ERIN_OWN = binding("VIEW", "shop", "payments", "*");
    private static final Map<String, String> MANAGER_EVERYWHERE = binding("MANAGER", "*", "*", "*");
    private static final Map<String, String> APPROVER_EVERYWHERE = binding("IMAGE_APPROVER", "*", "*", "*");

    private static Map<String, String> binding(String role, String project, String application, String environment) {
        return Map.of("role", role, "project", project, "application", application, "environment", environment);
    }

    private static Map<String, Object> mona(List<Map<String, String>> roles) {
        return Map.of("email", "mona@example.com", "displayName", "Mona Manager", "active", true, "groups", List.of(),
                "roles", roles);
    }

    private static Map<String, Object> erin(List<Map<String, String>> roles) {
        return Map.of("email", "erin@example.com", "displayName", "Erin Viewer", "active", true, "groups", List.of(),
                "roles", roles);
    }

    @Test
    void a_scoped_manager_cannot_make_herself_or_anyone_global() {
        Http.Response herselfEverywhere = http().put("mona", "/api/access/users/mona",
                mona(List.of(MONA_OWN, MANAGER_EVERYWHERE)));
        Http.Response herselfApproverEverywhere = http().put("mona", "/api/access/users/mona",
                mona(List.of(MONA_OWN, APPROVER_EVERYWHERE)));
        Http.Response herselfInsideHerScope = http().put("mona", "/api/access/users/mona",
                mona(List.of(MONA_OWN, binding("IMAGE_APPROVER", "shop", "payments", "prod"))));
        Http.Response erinEverywhere = http().put("mona", "/api/access/users/erin",
                erin(List.of(ERIN_OWN, MANAGER_EVERYWHERE)));
        Http.Response erinApproverEverywhere = http().put("mona", "/api/access/users/erin",
                erin(List.of(ERIN_OWN, APPROVER_EVERYWHERE)));
        Http.Response erinSuperAdmin = http().put("mona", "/api/access/users/erin",
                erin(List.of(ERIN_OWN, binding("SUPER_ADMIN", "shop", "payments", "*"))));

        assertRefused(herselfEverywhere, "CANNOT_CHANGE_OWN_GRANTS");
        assertRefused(herselfApproverEverywhere, "CANNOT_CHANGE_OWN_GRANTS");
        assertRefused(herselfInsideHerScope, "CANNOT_CHANGE_OWN_GRANTS");
        assertRefused(erinEverywhere, "NOT_ALLOWED_TO_GRANT");
        assertRefused(erinApproverEverywhere, "NOT_ALLOWED_TO_GRANT");
        assertRefused(erinSuperAdmin, "SUPER_ADMIN_ONLY");
        assertThat(roles("mona")).containsExactly("MANAGER shop/payments/*");
        assertThat(roles("erin")).containsExactly("VIEW shop/payments/*");
        assertThat(http().get("mona", "/api/access/me").json().path("grantableScopes").toString())
                .isEqualTo("[{\"project\":\"shop\",\"application\":\"payments\",\"environment\":\"*\"}]");

        Map<String, String> adminPaymentsProd = binding("ADMIN", "shop", "payments", "prod");
        assertThat(http().put("mona", "/api/access/users/erin", erin(List.of(ERIN_OWN, adminPaymentsProd)))
                .status()).isEqualTo(200);
        assertThat(roles("erin")).containsExactlyInAnyOrder("VIEW shop/payments/*", "ADMIN shop/payments/prod");
        assertThat(http().put("mona", "/api/access/users/erin", erin(List.of(ERIN_OWN))).status()).isEqualTo(200);
        assertThat(roles("erin")).containsExactly("VIEW shop/payments/*");
    }

    // rule 13 "only roles at or below their own": IMAGE_APPROVER is additive, MANAGER does not include it
    @Test
    void a_manager_gives_or_takes_image_approver_only_where_she_holds_it() {
        Map<String, String> approverPaymentsProd = binding("IMAGE_APPROVER", "shop", "payments", "prod");
        Map<String, Object> ciBot = Map.of("email", "ci@example.com", "displayName", "CI", "active", true,
                "groups", List.of(),
                "roles", List.of(binding("BUILD_AND_DEPLOY", "*", "*", "*"), approverPaymentsProd));
        Http.Response botApprover = http().put("mona", "/api/access/users/ci-bot", ciBot);
        assertRefused(botApprover, "NOT_ALLOWED_TO_GRANT");
        assertThat(botApprover.body()).contains("must hold IMAGE_APPROVER");
        assertRefused(http().put("mona", "/api/access/users/erin", erin(List.of(ERIN_OWN, approverPaymentsProd))),
                "NOT_ALLOWED_TO_GRANT");
        assertThat(roles("ci-bot")).containsExactly("BUILD_AND_DEPLOY */*/*");
        assertThat(roles("erin")).containsExactly("VIEW shop/payments/*");
        // nor take it: erin made an approver by the super admin stays one
        assertThat(http().put("dave", "/api/access/users/erin", erin(List.of(ERIN_OWN, approverPaymentsProd)))
                .status()).isEqualTo(200);
        assertRefused(http().put("mona", "/api/access/users/erin", erin(List.of(ERIN_OWN))), "NOT_ALLOWED_TO_GRANT");
        assertThat(roles("erin")).contains("IMAGE_APPROVER shop/payments/prod");

        // holding it on shop / * / prod as well, she gives and takes it there, and still not wider
        Map<String, String> approverShopProd = binding("IMAGE_APPROVER", "shop", "*", "prod");
        try {
            assertThat(http().put("dave", "/api/access/users/mona", mona(List.of(MONA_OWN, approverShopProd)))
                    .status()).isEqualTo(200);
            assertThat(http().put("mona", "/api/access/users/erin", erin(List.of(ERIN_OWN))).status()).isEqualTo(200);
            assertThat(roles("erin")).containsExactly("VIEW shop/payments/*");
            assertThat(http().put("mona", "/api/access/users/erin", erin(List.of(ERIN_OWN, approverPaymentsProd)))
                    .status()).isEqualTo(200);
            assertThat(roles("erin")).containsExactlyInAnyOrder("VIEW shop/payments/*",
                    "IMAGE_APPROVER shop/payments/prod");
            assertRefused(http().put("mona", "/api/access/users/erin", erin(List.of(ERIN_OWN,
                    binding("IMAGE_APPROVER", "shop", "payments", "*")))), "NOT_ALLOWED_TO_GRANT");
        } finally {
            assertThat(http().put("dave", "/api/access/users/mona", mona(List.of(MONA_OWN))).status()).isEqualTo(200);
            assertThat(http().put("dave", "/api/access/users/erin", erin(List.of(ERIN_OWN))).status()).isEqualTo(200);
        }
    }

    @Test
    void a_scoped_manager_cannot_take_a_wider_grant_from_someone_else_and_only_a_super_admin_changes_groups() {
        Map<String, String> viewShop = binding("VIEW", "shop", "*", "*");
        Map<String, Object> gina = Map.of("email", "gina@example.com", "displayName", "Gina", "active", true,
                "groups", List.of(), "roles", List.of(viewShop));
        assertThat(http().put("dave", "/api/access/users/gina", gina).status()).isEqualTo(200);
        Map<String, Object> withoutIt = Map.of("email", "gina@example.com", "displayName", "Gina", "active", true,
                "groups", List.of(), "roles", List.of());
        assertRefused(http().put("mona", "/api/access/users/gina", withoutIt), "NOT_ALLOWED_TO_GRANT");
        assertThat(roles("gina")).containsExactly("VIEW shop/*/*");

        Map<String, Object> globalManager = Map.of("email", "gm@example.com", "displayName", "Global Manager",
                "active", true, "groups", List.of(), "roles", List.of(MANAGER_EVERYWHERE));
        assertThat(http().put("dave", "/api/access/users/gm", globalManager).status()).isEqualTo(200);
        assertRefused(http().put("gm", "/api/access/groups/release-managers", Map.of("description", "anyone",
                "roles", List.of(MANAGER_EVERYWHERE))), "SUPER_ADMIN_ONLY");
        assertRefused(http().put("mona", "/api/access/groups/payments-managers", Map.of("description", "new",
                "roles", List.of(MONA_OWN))), "SUPER_ADMIN_ONLY");
        assertThat(http().get("dave", "/api/access/groups").body()).doesNotContain("payments-managers")
                .doesNotContain("\"anyone\"");

        // a super admin may change their own grants (the one exception)
        Map<String, String> superAdmin = binding("SUPER_ADMIN", "*", "*", "*");
        assertThat(http().put("dave", "/api/access/users/root2", Map.of("email", "root2@example.com", "displayName",
                "Root", "active", true, "groups", List.of(), "roles", List.of(superAdmin))).status()).isEqualTo(200);
        assertThat(http().put("root2", "/api/access/users/root2", Map.of("email", "root2@example.com", "displayName",
                "Root", "active", true, "groups", List.of(), "roles", List.of(superAdmin, viewShop))).status())
                .isEqualTo(200);
    }

    private static void assertRefused(Http.Response response, String reason) {
        assertThat(response.status()).as(response.body()).isEqualTo(403);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.reason()).isEqualTo(reason);
    }

    private List<String> roles(String userId) {
        List<String> roles = new java.util.ArrayList<>();
        for (var r : http().get(userId, "/api/access/me").json().path("roles")) {
            roles.add(r.path("role").asString() + " " + r.path("project").asString() + "/"
                    + r.path("application").asString() + "/" + r.path("environment").asString());
        }
        return roles;
    }
}
