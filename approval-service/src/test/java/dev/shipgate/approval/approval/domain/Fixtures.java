package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.ApproverRule;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** People and requests for the domain tests: shop/payments into prod, built by ci-bot, asked for by alice. */
final class Fixtures {

    static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");
    static final Scope PAYMENTS_PROD = new Scope("shop", "payments", "prod");
    static final RequestedImage IMAGE = new RequestedImage("pl-1", "shop", "payments", "prod", "sha256:ab12",
            "1.4.2", "ci-bot");

    static final Actor ALICE = actor("alice", List.of(), Role.BUILD_AND_DEPLOY);
    static final Actor CI_BOT = actor("ci-bot", List.of(), Role.BUILD_AND_DEPLOY, Role.IMAGE_APPROVER);
    static final Actor BOB = actor("bob", List.of("release-managers"), Role.IMAGE_APPROVER, Role.BUILD_AND_DEPLOY);
    static final Actor CAROL = actor("carol", List.of("release-managers", "security"), Role.IMAGE_APPROVER);
    static final Actor DAVE = actor("dave", List.of(), Role.SUPER_ADMIN);
    static final Actor ERIN = actor("erin", List.of(), Role.VIEW);
    static final Actor MONA = actor("mona", List.of(), Role.MANAGER);
    static final Set<String> ELIGIBLE = Set.of("bob", "carol", "dave");

    /** The fixture people as they are now, by canonical id; anyone else is unknown and may do nothing. */
    static final People PEOPLE = people(ALICE, CI_BOT, BOB, CAROL, DAVE, ERIN, MONA);

    private Fixtures() {
    }

    /** These actors as they are now, by canonical id; anyone else is unknown (no permissions). */
    static People people(Actor... actors) {
        java.util.Map<String, Actor> byId = new java.util.HashMap<>();
        for (Actor actor : actors) {
            byId.put(dev.shipgate.contracts.identity.UserIds.canonical(actor.userId()), actor);
        }
        return id -> byId.getOrDefault(dev.shipgate.contracts.identity.UserIds.canonical(id),
                new Actor(id, List.of(), Permissions.none(id)));
    }

    static Actor actor(String id, List<String> groups, Role... roles) {
        List<Grant> grants = java.util.Arrays.stream(roles)
                .map(role -> new Grant(role, role == Role.SUPER_ADMIN ? Scope.everywhere() : PAYMENTS_PROD))
                .toList();
        return new Actor(id, groups, new Permissions(id, grants));
    }

    static ApprovalPolicy policy(int required, ApproverRule... rules) {
        return new ApprovalPolicy(required, List.of(rules), Duration.ofHours(24), Duration.ofDays(7), false, false);
    }

    static ApprovalRequest pending(ApprovalPolicy policy) {
        return accepted(ApprovalRequest.open("ar-1", IMAGE, ALICE, List.of(), ELIGIBLE, null, policy, NOW));
    }

    static ApprovalRequest pending(int required) {
        return pending(policy(required));
    }

    static ApprovalRequest approvedBy(ApprovalRequest request, Actor... approvers) {
        ApprovalRequest current = request;
        for (Actor approver : approvers) {
            current = accepted(current.approve(PEOPLE, approver, null, NOW.plusSeconds(60)));
        }
        return current;
    }

    static ApprovalRequest accepted(Outcome outcome) {
        if (outcome instanceof Outcome.Accepted accepted) {
            return accepted.request();
        }
        throw new AssertionError("expected the command to be accepted, but: " + ((Outcome.Refused) outcome).refusal());
    }
}
