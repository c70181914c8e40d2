package dev.shipgate.deploy.breakglass.application;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.deploy.breakglass.domain.BreakGlassPolicy;
import dev.shipgate.deploy.deployment.application.InMemoryDeployments;
import dev.shipgate.deploy.deployment.application.InMemoryPipelines;
import dev.shipgate.deploy.deployment.domain.BreakGlass;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.pipeline.application.PipelineService;
import dev.shipgate.deploy.replica.application.AccessReplica;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import dev.shipgate.testing.SteppingClock;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based: random sequences of policy changes, break-glass deploys, reviews, overdue sweeps by two instances and
 * time passing, by users holding different roles, run against the service and against a plain model of the rules.
 * Every call's outcome (done, or the refusal's reason) is the model's; no break-glass ever asks for, names or uses an
 * approval (no DeploymentRequested, no approval on the deployment); each review is closed at most once, never by who
 * broke the glass, and told OVERDUE at most once, exactly when a sweep ran after its due time while it was open.
 */
class BreakGlassModelProperties {

    private static final Scope PROD = new Scope("shop", "payments", "prod");
    private static final Instant START = Instant.parse("2026-11-28T00:00:00Z");
    private static final Map<String, List<Role>> USERS = Map.of(
            "alice", List.of(Role.BUILD_AND_DEPLOY),
            "mona", List.of(Role.MANAGER),
            "bob", List.of(Role.BUILD_AND_DEPLOY, Role.IMAGE_APPROVER),
            "dave", List.of(Role.SUPER_ADMIN),
            "erin", List.of(Role.VIEW));
    private static final List<Role> POLICY_ROLES = List.of(Role.BUILD_AND_DEPLOY, Role.ADMIN, Role.MANAGER,
            Role.SUPER_ADMIN);

    /** {@code kind}: policy (role index, or off), break, review (of the n-th break-glass), sweep, wait (hours). */
    record Op(String kind, String user, int n, boolean flag) {
    }

    @Provide
    Arbitrary<List<Op>> ops() {
        Arbitrary<String> users = Arbitraries.of(List.copyOf(USERS.keySet()));
        return Combinators.combine(Arbitraries.of("policy", "break", "break", "review", "review", "sweep", "wait"),
                users, Arbitraries.integers().between(0, 4), Arbitraries.of(true, false))
                .as(Op::new).list().ofMaxSize(40);
    }

    @Property(tries = 300)
    void theServiceFollowsTheModelAndNeverTouchesAnApproval(@ForAll("ops") List<Op> ops) {
        SteppingClock clock = new SteppingClock(START);
        InMemoryPipelines pipelineStore = new InMemoryPipelines();
        pipelineStore.add("pl-1", "simulated");
        InMemoryDeployments deployments = new InMemoryDeployments();
        Map<String, BreakGlassPolicy> policyStore = new HashMap<>();
        AccessReplica access = new Roles();
        PipelineService pipelines = new PipelineService(pipelineStore, access);
        List<String> rolledOut = new ArrayList<>();
        BreakGlassService service = new BreakGlassService(new MapPolicies(policyStore), pipelines, access,
                (user, pipeline, digest) -> {
                    if (!access.permissions(user).canBuildAndDeploy(pipeline.scope())) {
                        throw DeployRefusal.NOT_ALLOWED_TO_DEPLOY.because(user).exception();
                    }
                    return new PipelineImage(pipeline.id(), "payments", "prod", digest, "1.0." + digest.length());
                }, deployments, rolledOut::add, clock);

        Role policyRole = null; // the model
        List<String> broken = new ArrayList<>();
        Map<String, String> brokenBy = new HashMap<>();
        Map<String, Instant> dueAt = new HashMap<>();
        Set<String> closed = new HashSet<>();
        Set<String> toldOverdue = new HashSet<>();
        for (Op op : ops) {
            switch (op.kind()) {
                case "policy" -> {
                    boolean admin = has(op.user(), Role.ADMIN);
                    String outcome = outcome(() -> {
                        if (op.n() == 4) {
                            service.removePolicy(op.user(), "pl-1");
                        } else {
                            service.setPolicy(op.user(), "pl-1", POLICY_ROLES.get(op.n()), Duration.ofHours(2));
                        }
                    });
                    assertThat(outcome).isEqualTo(admin ? "done" : "NOT_ALLOWED_TO_CONFIGURE");
                    if (admin) {
                        policyRole = op.n() == 4 ? null : POLICY_ROLES.get(op.n());
                    }
                }
                case "break" -> {
                    String justification = op.flag() ? "payments down" : " ";
                    String expected = !visible(op.user()) ? "UNKNOWN_PIPELINE"
                            : !has(op.user(), Role.BUILD_AND_DEPLOY) ? "NOT_ALLOWED_TO_DEPLOY"
                            : policyRole == null ? "BREAK_GLASS_NOT_ENABLED"
                            : !has(op.user(), policyRole) ? "NOT_ALLOWED_TO_BREAK_GLASS"
                            : !op.flag() ? "INVALID_JUSTIFICATION" : "done";
                    Deployment[] made = new Deployment[1];
                    assertThat(outcome(() -> made[0] = service.deploy(op.user(), Channel.session("s"), "pl-1",
                            "sha256:" + op.n(), justification, null))).as("%s", op).isEqualTo(expected);
                    if (made[0] != null) {
                        broken.add(made[0].id());
                        brokenBy.put(made[0].id(), op.user());
                        dueAt.put(made[0].id(), clock.instant().plus(Duration.ofHours(2)));
                        assertThat(rolledOut).last().isEqualTo(made[0].id());
                    }
                }
                case "review" -> {
                    if (broken.isEmpty()) {
                        continue;
                    }
                    String id = broken.get(op.n() % broken.size());
                    String expected = !visible(op.user()) ? "UNKNOWN_DEPLOYMENT"
                            : !has(op.user(), Role.IMAGE_APPROVER) ? "NOT_ALLOWED_TO_REVIEW"
                            : closed.contains(id) ? "REVIEW_CLOSED"
                            : op.user().equals(brokenBy.get(id)) ? "OWN_BREAK_GLASS_REVIEW" : "done";
                    BreakGlass.Review outcome = op.flag() ? BreakGlass.Review.FLAGGED : BreakGlass.Review.ACKNOWLEDGED;
                    assertThat(outcome(() -> service.review(op.user(), id, outcome, "seen"))).as("%s", op)
                            .isEqualTo(expected);
                    if (expected.equals("done")) {
                        closed.add(id);
                    }
                }
                case "sweep" -> {
                    service.sweepOverdue();
                    service.sweepOverdue(); // a second instance's sweep, just after
                    broken.stream().filter(id -> !closed.contains(id) && !dueAt.get(id).isAfter(clock.instant()))
                            .forEach(toldOverdue::add);
                }
                default -> clock.step(Duration.ofMinutes(30L * (op.n() + 1)));
            }
            List<String> overdueListed = service.openReviews("dave", true).stream().map(Deployment::id).toList();
            assertThat(overdueListed).containsExactlyInAnyOrderElementsOf(broken.stream()
                    .filter(id -> !closed.contains(id) && !dueAt.get(id).isAfter(clock.instant())).toList());
        }
        List<EventPayload> events = deployments.events();
        assertThat(events).noneMatch(DeploymentRequested.class::isInstance);
        assertThat(events).filteredOn(DeploymentBrokeGlass.class::isInstance).hasSize(broken.size());
        for (String id : broken) {
            Deployment stored = deployments.find(id).orElseThrow();
            assertThat(stored.approvalRequestId()).isNull();
            assertThat(stored.approvedBy()).isEmpty();
            List<BreakGlassReviewChanged> reviewEvents = events.stream()
                    .filter(BreakGlassReviewChanged.class::isInstance).map(BreakGlassReviewChanged.class::cast)
                    .filter(e -> e.deploymentId().equals(id)).toList();
            assertThat(reviewEvents.stream().filter(e -> e.status().equals("OVERDUE")).count())
                    .isEqualTo(toldOverdue.contains(id) ? 1 : 0);
            assertThat(reviewEvents.stream().filter(e -> !e.status().equals("OVERDUE")).toList())
                    .hasSize(closed.contains(id) ? 1 : 0)
                    .allSatisfy(e -> assertThat(e.reviewedBy()).isNotEqualTo(brokenBy.get(id)));
        }
    }

    private static boolean has(String user, Role role) {
        return USERS.get(user).stream().anyMatch(held -> held.includes(role));
    }

    private static boolean visible(String user) {
        return has(user, Role.VIEW) || has(user, Role.IMAGE_APPROVER);
    }

    private static String outcome(Runnable call) {
        try {
            call.run();
            return "done";
        } catch (RefusedException refused) {
            return refused.refusal().reason();
        }
    }

    /** The users' roles, all on shop / payments / prod (a super admin's everywhere). */
    private static final class Roles implements AccessReplica {
        @Override
        public void apply(UserAccessChanged access) {
        }

        @Override
        public boolean hasMembers(String group) {
            return false;
        }

        @Override
        public Permissions permissions(String userId) {
            List<Role> roles = USERS.getOrDefault(userId.strip().toLowerCase(), List.of());
            return new Permissions(userId, roles.stream().map(role -> new Grant(role,
                    role == Role.SUPER_ADMIN ? Scope.everywhere() : PROD)).toList());
        }
    }

    private record MapPolicies(Map<String, BreakGlassPolicy> byPipeline) implements BreakGlassPolicies {
        @Override
        public Optional<BreakGlassPolicy> find(String pipelineId) {
            return Optional.ofNullable(byPipeline.get(pipelineId));
        }

        @Override
        public void save(BreakGlassPolicy policy) {
            byPipeline.put(policy.pipelineId(), policy);
        }

        @Override
        public void delete(String pipelineId) {
            byPipeline.remove(pipelineId);
        }
    }
}
