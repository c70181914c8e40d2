package dev.shipgate.approval.it;

import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.testing.Http;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every role, in scope (shop/payments) and out of it (shop/billing), against every action of approval-service:
 * allowed means a 2xx (or an AUTHORIZED decision), refused means a 403/404 problem (or a REJECTED decision).
 */
class PermissionMatrixIT extends ApprovalServiceTestBase {

    enum Action { REQUEST_APPROVAL, APPROVE, REJECT, VIEW_REQUEST, CANCEL_OTHERS_REQUEST, EXPIRE_OTHERS_APPROVAL,
        REGISTER_IMAGE, GRANT_IMAGE_APPROVER, DEPLOY,
        // rule 13: IMAGE_APPROVER is given only by a MANAGER who holds it too (the caller also holds it, same scope)
        GRANT_IMAGE_APPROVER_HOLDING_IT,
        // granting (issue 15, input 1): wider than one's own scope, and to oneself
        GRANT_WIDER_THAN_OWN_SCOPE, GRANT_TO_ONESELF,
        // API tokens (issue 15, input 4): minting for others, and acting through a token
        MINT_TOKEN_FOR_ANOTHER_PERSON, MINT_TOKEN_FOR_SERVICE_ACCOUNT, APPROVE_THROUGH_OWN_TOKEN,
        REQUEST_APPROVAL_THROUGH_OWN_TOKEN, MINT_TOKEN_THROUGH_TOKEN }

    /** Who may do what, in scope; out of scope only SUPER_ADMIN (global) may do anything. */
    private static final Map<Action, Set<Role>> ALLOWED_IN_SCOPE = new EnumMap<>(Map.of(
            Action.REQUEST_APPROVAL, EnumSet.of(Role.BUILD_AND_DEPLOY, Role.ADMIN, Role.MANAGER, Role.SUPER_ADMIN),
            Action.APPROVE, EnumSet.of(Role.IMAGE_APPROVER, Role.SUPER_ADMIN),
            Action.REJECT, EnumSet.of(Role.IMAGE_APPROVER, Role.SUPER_ADMIN),
            Action.VIEW_REQUEST, EnumSet.of(Role.VIEW, Role.BUILD_AND_DEPLOY, Role.ADMIN, Role.MANAGER,
                    Role.IMAGE_APPROVER, Role.SUPER_ADMIN),
            Action.CANCEL_OTHERS_REQUEST, EnumSet.noneOf(Role.class),
            Action.EXPIRE_OTHERS_APPROVAL, EnumSet.of(Role.ADMIN, Role.MANAGER, Role.SUPER_ADMIN),
            Action.REGISTER_IMAGE, EnumSet.of(Role.BUILD_AND_DEPLOY, Role.ADMIN, Role.MANAGER, Role.SUPER_ADMIN),
            Action.GRANT_IMAGE_APPROVER, EnumSet.of(Role.SUPER_ADMIN), // MANAGER does not include IMAGE_APPROVER
            Action.DEPLOY, EnumSet.of(Role.BUILD_AND_DEPLOY, Role.ADMIN, Role.MANAGER, Role.SUPER_ADMIN)));

    static { // beyond Map.of's ten entries
        // issue 15 item 1: VIEW on shop / * / *, wider than any scoped caller's grant; and one's own grants
        ALLOWED_IN_SCOPE.put(Action.GRANT_WIDER_THAN_OWN_SCOPE, EnumSet.of(Role.SUPER_ADMIN));
        ALLOWED_IN_SCOPE.put(Action.GRANT_TO_ONESELF, EnumSet.of(Role.SUPER_ADMIN));
        ALLOWED_IN_SCOPE.put(Action.GRANT_IMAGE_APPROVER_HOLDING_IT, EnumSet.of(Role.MANAGER, Role.SUPER_ADMIN));
        // tokens: nobody mints for another person; only a super admin for a service account; a token acts with its
        // owner's rights and no more (the same roles as APPROVE and REQUEST_APPROVAL); a token mints no tokens
        ALLOWED_IN_SCOPE.put(Action.MINT_TOKEN_FOR_ANOTHER_PERSON, EnumSet.noneOf(Role.class));
        ALLOWED_IN_SCOPE.put(Action.MINT_TOKEN_FOR_SERVICE_ACCOUNT, EnumSet.of(Role.SUPER_ADMIN));
        ALLOWED_IN_SCOPE.put(Action.APPROVE_THROUGH_OWN_TOKEN, ALLOWED_IN_SCOPE.get(Action.APPROVE));
        ALLOWED_IN_SCOPE.put(Action.REQUEST_APPROVAL_THROUGH_OWN_TOKEN,
                ALLOWED_IN_SCOPE.get(Action.REQUEST_APPROVAL));
        ALLOWED_IN_SCOPE.put(Action.MINT_TOKEN_THROUGH_TOKEN, EnumSet.noneOf(Role.class));
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cases = new ArrayList<>();
        for (Role role : Role.values()) {
            for (boolean inScope : new boolean[] {true, false}) {
                for (Action action : Action.values()) {
                    boolean allowed = role == Role.SUPER_ADMIN ? ALLOWED_IN_SCOPE.get(action).contains(role)
                            : inScope && ALLOWED_IN_SCOPE.get(action).contains(role);
                    cases.add(Arguments.of(role, inScope, action, allowed));
                }
            }
        }
        return cases.stream();
    }

    private static String user(Role role, boolean inScope) {
        return "m-" + role.name().toLowerCase() + (inScope ? "-in" : "-out");
    }

    /**
     * The caller with exactly their one binding (a case before may have changed it), and no m-grantee: each case
     * starts from the same state without writing the eleven other callers again.
     */
    private void onlyTheirOwnBinding(String caller, Role role, boolean inScope) {
        assertThat(revokeGrantee()).isTrue();
        assertThat(http().put("dave", "/api/access/users/" + caller, Map.of("email", caller + "@example.com",
                "displayName", caller, "active", true, "groups", List.of(), "roles",
                List.of(ownBinding(role, inScope)))).status()).isEqualTo(200);
    }

    @ParameterizedTest(name = "{0} in scope {1}: {2} allowed {3}")
    @MethodSource("matrix")
    void each_role_may_do_exactly_what_it_grants_within_its_scope(Role role, boolean inScope, Action action,
                                                                 boolean allowed) {
        String caller = user(role, inScope);
        onlyTheirOwnBinding(caller, role, inScope);
        boolean succeeded = switch (action) {
            case REQUEST_APPROVAL -> {
                String pipeline = pipeline("prod", 1, List.of(), false);
                String digest = image("m-" + UUID.randomUUID().toString().substring(0, 8), "ci-bot");
                awaitImage(pipeline, digest);
                yield ok(http().post(caller, "/api/approval-requests", Map.of("pipelineId", pipeline,
                        "imageDigest", digest)));
            }
            case APPROVE -> ok(http().post(caller, "/api/approval-requests/" + pendingRequest() + "/approve", null));
            case REJECT -> ok(http().post(caller, "/api/approval-requests/" + pendingRequest() + "/reject",
                    Map.of("comment", "not now")));
            case VIEW_REQUEST -> ok(http().get(caller, "/api/approval-requests/" + pendingRequest()));
            case CANCEL_OTHERS_REQUEST -> ok(http().post(caller, "/api/approval-requests/" + pendingRequest()
                    + "/cancel", null));
            case EXPIRE_OTHERS_APPROVAL -> ok(http().post(caller, "/api/approval-requests/" + pendingRequest()
                    + "/expire", null));
            case REGISTER_IMAGE -> ok(http().post(caller, "/api/images", Map.of("digest", "sha256:"
                    + UUID.randomUUID().toString().replace("-", ""), "repository", "registry.local/payments", "tag",
                    "9.9.9", "application", "payments")));
            case GRANT_IMAGE_APPROVER -> grantImageApprover(caller);
            case GRANT_IMAGE_APPROVER_HOLDING_IT -> {
                Map<String, String> own = ownBinding(role, inScope);
                Map<String, String> approverToo = Map.of("role", "IMAGE_APPROVER", "project", own.get("project"),
                        "application", own.get("application"), "environment", "*");
                assertThat(http().put("dave", "/api/access/users/" + caller, Map.of("email", caller + "@example.com",
                        "displayName", caller, "active", true, "groups", List.of(), "roles", List.of(own,
                                approverToo))).status()).isEqualTo(200);
                yield grantImageApprover(caller);
            }
            case DEPLOY -> deployDecidedAuthorized(caller);
            case MINT_TOKEN_FOR_ANOTHER_PERSON -> ok(http().post(caller, "/api/access/tokens",
                    Map.of("name", "as alice", "userId", "alice")));
            case MINT_TOKEN_FOR_SERVICE_ACCOUNT -> ok(http().post(caller, "/api/access/tokens",
                    Map.of("name", "ci", "userId", "ci-bot")));
            case APPROVE_THROUGH_OWN_TOKEN -> ok(http().postWithAuthorization(ownToken(caller),
                    "/api/approval-requests/" + pendingRequest() + "/approve", null));
            case REQUEST_APPROVAL_THROUGH_OWN_TOKEN -> {
                String pipeline = pipeline("prod", 1, List.of(), false);
                String digest = image("t-" + UUID.randomUUID().toString().substring(0, 8), "ci-bot");
                awaitImage(pipeline, digest);
                yield ok(http().postWithAuthorization(ownToken(caller), "/api/approval-requests",
                        Map.of("pipelineId", pipeline, "imageDigest", digest)));
            }
            case MINT_TOKEN_THROUGH_TOKEN -> ok(http().postWithAuthorization(ownToken(caller), "/api/access/tokens",
                    Map.of("name", "child")));
            case GRANT_WIDER_THAN_OWN_SCOPE -> ok(http().put(caller, "/api/access/users/m-grantee", Map.of("email",
                    "grantee@example.com", "displayName", "grantee", "active", true, "groups", List.of(), "roles",
                    List.of(Map.of("role", "VIEW", "project", "shop", "application", "*", "environment", "*")))))
                    && revokeGrantee();
            case GRANT_TO_ONESELF -> ok(http().put(caller, "/api/access/users/" + caller, Map.of("email",
                    caller + "@example.com", "displayName", caller, "active", true, "groups", List.of(), "roles",
                    List.of(ownBinding(role, inScope), Map.of("role", "VIEW", "project", "shop", "application",
                            "payments", "environment", "prod"))))); // inside the caller's own scope when in scope
        };
        assertThat(succeeded).isEqualTo(allowed);
    }

    /** Whether {@code caller} may make m-grantee an image approver on shop / payments / * (taken back after). */
    private boolean grantImageApprover(String caller) {
        return ok(http().put(caller, "/api/access/users/m-grantee", Map.of("email", "grantee@example.com",
                "displayName", "grantee", "active", true, "groups", List.of(), "roles", List.of(Map.of("role",
                        "IMAGE_APPROVER", "project", "shop", "application", "payments", "environment", "*")))))
                && revokeGrantee();
    }

    /** The caller's own API token, made from their sign-in (anyone active may make one). */
    private String ownToken(String caller) {
        Http.Response made = http().post(caller, "/api/access/tokens", Map.of("name", "matrix"));
        assertThat(made.status()).as(made.body()).isEqualTo(201);
        return "Bearer " + made.json().path("accessToken").asString();
    }

    private boolean ok(Http.Response response) {
        assertThat(response.status()).as(response.body()).isIn(200, 201, 202, 403, 404);
        if (response.status() >= 400) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(response.reason()).isNotBlank();
        }
        return response.status() < 300;
    }

    /** The one binding {@link #users} gives each caller. */
    private static Map<String, String> ownBinding(Role role, boolean inScope) {
        return Map.of("role", role.name(), "project", role == Role.SUPER_ADMIN ? "*" : "shop",
                "application", role == Role.SUPER_ADMIN ? "*" : inScope ? "payments" : "billing", "environment", "*");
    }

    /** A pending request of alice for a fresh image on a shop/payments pipeline. */
    private String pendingRequest() {
        String pipeline = pipeline("prod", 2, List.of(), false);
        String digest = image("p-" + UUID.randomUUID().toString().substring(0, 8), "ci-bot");
        awaitImage(pipeline, digest);
        return http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline, "imageDigest", digest))
                .json().path("id").asString();
    }

    /** Puts the grantee back to no roles (as the super admin), so each case starts from the same state. */
    private boolean revokeGrantee() {
        return http().put("dave", "/api/access/users/m-grantee", Map.of("email", "grantee@example.com",
                "displayName", "grantee", "active", true, "groups", List.of(), "roles", List.of())).status() == 200;
    }

    private boolean deployDecidedAuthorized(String caller) {
        String pipeline = pipeline("dev", 0, List.of(), true);
        String deploymentId = "dp-" + UUID.randomUUID();
        topics.publish(new DeploymentRequested(deploymentId, new PipelineImage(pipeline, "payments", "dev",
                "sha256:77", "7.7.7"), caller, null));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                !topics.events(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId)).isEmpty()
                        || !topics.events(DeploymentRejected.class, e -> e.deploymentId().equals(deploymentId))
                        .isEmpty());
        return !topics.events(DeploymentAuthorized.class, e -> e.deploymentId().equals(deploymentId)).isEmpty();
    }
}
