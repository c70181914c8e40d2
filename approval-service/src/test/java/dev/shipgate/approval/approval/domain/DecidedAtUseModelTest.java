package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.DeploymentAuthorized;
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
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Model-based test of design rules 10 and 11: random sequences of requests, votes, withdrawals, policy changes, access
 * changes, time passing and deploy decisions. At every deploy decision an independent model (brute force over every
 * way to seat the voters in the rules) says whether the pipeline's policy at that moment is met by the votes of
 * people eligible at that moment, never the requester's or builder's; the domain must authorize exactly then (when
 * the approval is open, unexpired and the deployer did not vote), and at most once per request.
 */
class DecidedAtUseModelTest {

    private static final Scope SCOPE = new Scope("shop", "payments", "prod");
    private static final RequestedImage IMAGE = new RequestedImage("pl-1", "shop", "payments", "prod", "sha256:ab",
            "1.0", "ci-bot");
    private static final List<String> PEOPLE = List.of("alice", "ci-bot", "bob", "carol", "dave", "pat");
    private static final List<String> GROUPS = List.of("security", "release-managers");
    private static final Duration APPROVAL_LIFETIME = Duration.ofMinutes(30);
    private static final Duration REQUEST_LIFETIME = Duration.ofHours(2);

    sealed interface Step {
    }

    record Request() implements Step {
    }

    record Approve(String who) implements Step {
    }

    record Withdraw(String who) implements Step {
    }

    record ChangePolicy(int required, List<ApproverRule> rules, boolean countInEveryRule) implements Step {
    }

    /** {@code approver}: holds Image Approver on the scope; {@code active} false: deactivated. */
    record ChangeAccess(String who, Set<String> groups, boolean approver, boolean active) implements Step {
    }

    record TimePasses(long minutes) implements Step {
    }

    /** A deploy by {@code deployer}: alice (the requester, never a voter here) or dan (a deployer who never votes). */
    record Deploy(String deployer) implements Step {
    }

    private record Person(Set<String> groups, boolean approver, boolean active) {
        Actor actor(String id) {
            List<Grant> grants = new ArrayList<>();
            if (active) {
                grants.add(new Grant(Role.BUILD_AND_DEPLOY, SCOPE));
                if (approver) {
                    grants.add(new Grant(Role.IMAGE_APPROVER, SCOPE));
                }
            }
            return new Actor(id, List.copyOf(groups), new Permissions(id, grants));
        }
    }

    @Property(tries = 1000)
    void a_deploy_is_authorized_exactly_when_the_policy_of_that_moment_is_met_and_at_most_once(
            @ForAll("steps") List<Step> steps) {
        Map<String, Person> people = new HashMap<>();
        PEOPLE.forEach(id -> people.put(id, new Person(Set.of(), true, true)));
        people.put("carol", new Person(Set.of("security", "release-managers"), true, true));
        people.put("dan", new Person(Set.of(), false, true));
        ApprovalPolicy policy = policy(1, List.of(), false);
        Instant now = Instant.parse("2026-11-26T10:00:00Z");
        ApprovalRequest request = null;
        int requests = 0;
        int deploys = 0;
        Map<String, Integer> authorized = new HashMap<>();

        for (Step step : steps) {
            People current = snapshot(people);
            if (request != null) {
                request = request.withPolicy(policy);
            }
            if (step instanceof Request) {
                if ((request == null || !request.asOf(current, now).status().isOpen()) && policy.needsApproval()) {
                    request = accepted(ApprovalRequest.open("ar-" + (++requests), IMAGE,
                            people.get("alice").actor("alice"), List.of(), Set.of(), null, policy, now), request);
                }
            } else if (step instanceof Approve a && request != null) {
                request = accepted(request.approve(current, current.now(a.who()), null, now), request);
            } else if (step instanceof Withdraw w && request != null) {
                request = accepted(request.withdraw(current, current.now(w.who()), now), request);
            } else if (step instanceof ChangePolicy c) {
                policy = policy(c.required(), c.rules(), c.countInEveryRule());
                if (request != null) {
                    request = request.withPolicy(policy).reevaluate(current, now).request();
                }
            } else if (step instanceof ChangeAccess c) {
                people.put(c.who(), new Person(c.groups(), c.approver(), c.active()));
                if (request != null) {
                    request = request.reevaluate(snapshot(people), now).request();
                }
            } else if (step instanceof TimePasses t) {
                now = now.plus(Duration.ofMinutes(t.minutes()));
            } else if (step instanceof Deploy d && request != null) {
                ApprovalRequest before = request;
                boolean expected = before.status().isOpen() && now.isBefore(before.expiresAt())
                        && policy.needsApproval() && metByModel(before.votes(), policy, people)
                        && !before.hasVoted(d.deployer());
                Outcome outcome = before.consume(current, "dp-" + (++deploys), current.now(d.deployer()), now);
                boolean authorizedNow = outcome instanceof Outcome.Accepted ok
                        && ok.events().stream().anyMatch(DeploymentAuthorized.class::isInstance);
                assertThat(authorizedNow)
                        .as("deploy at %s: request %s until %s with votes %s under %s, people %s", now,
                                before.status(), before.expiresAt(), before.votes().stream().map(Vote::userId)
                                        .toList(), policy, people)
                        .isEqualTo(expected);
                if (authorizedNow) {
                    assertThat(authorized.merge(before.id(), 1, Integer::sum)).as("authorized once per request")
                            .isEqualTo(1);
                }
                request = accepted(outcome, request);
            }
        }
    }

    /**
     * The independent model: the voters who count are those eligible now (active Image Approvers on the scope), never
     * the requester or the builder; the policy is met when they are enough in all and some seating of them in the
     * rules (each in at most one rule, or in every rule of their groups) fills every rule. Brute force.
     */
    private static boolean metByModel(List<Vote> votes, ApprovalPolicy policy, Map<String, Person> people) {
        List<String> counted = new ArrayList<>();
        for (Vote vote : votes) {
            Person person = people.get(vote.userId());
            if (!vote.userId().equals("alice") && !vote.userId().equals("ci-bot") && person.active()
                    && person.approver() && !counted.contains(vote.userId())) {
                counted.add(vote.userId());
            }
        }
        if (counted.size() < policy.requiredApprovals()) {
            return false;
        }
        List<ApproverRule> rules = policy.approverRules();
        if (policy.countInEveryRule()) {
            return rules.stream().allMatch(rule -> counted.stream()
                    .filter(id -> people.get(id).groups().contains(rule.group())).count() >= rule.approvals());
        }
        int choices = rules.size() + 1;
        int seatings = (int) Math.pow(choices, counted.size());
        for (int seating = 0; seating < seatings; seating++) {
            int[] load = new int[rules.size()];
            int code = seating;
            boolean valid = true;
            for (String voter : counted) {
                int choice = code % choices;
                code /= choices;
                if (choice > 0) {
                    if (!people.get(voter).groups().contains(rules.get(choice - 1).group())) {
                        valid = false;
                        break;
                    }
                    load[choice - 1]++;
                }
            }
            boolean allMet = valid;
            for (int r = 0; allMet && r < rules.size(); r++) {
                allMet = load[r] >= rules.get(r).approvals();
            }
            if (allMet) {
                return true;
            }
        }
        return false;
    }

    private static People snapshot(Map<String, Person> people) {
        Map<String, Person> copy = new HashMap<>(people);
        return id -> copy.getOrDefault(id, new Person(Set.of(), false, false)).actor(id);
    }

    private static ApprovalPolicy policy(int required, List<ApproverRule> rules, boolean countInEveryRule) {
        return new ApprovalPolicy(required, rules, APPROVAL_LIFETIME, REQUEST_LIFETIME, false, false,
                countInEveryRule);
    }

    private static ApprovalRequest accepted(Outcome outcome, ApprovalRequest otherwise) {
        return outcome instanceof Outcome.Accepted ok ? ok.request() : otherwise;
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<String> voter = Arbitraries.of(PEOPLE);
        ApproverRule security = new ApproverRule("security", 1);
        ApproverRule releaseManagers = new ApproverRule("release-managers", 1);
        // two rules whose groups overlap in carol are where counting one person once matters most
        Arbitrary<List<ApproverRule>> rules = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.<ApproverRule>of())),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(List.of(security), List.of(releaseManagers),
                        List.of(new ApproverRule("security", 2)))),
                net.jqwik.api.Tuple.of(3, Arbitraries.of(List.of(security, releaseManagers),
                        List.of(releaseManagers, security), List.of(new ApproverRule("security", 2),
                                releaseManagers))));
        Arbitrary<Step> step = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, Arbitraries.just(new Request())),
                net.jqwik.api.Tuple.of(8, voter.map(Approve::new)),
                net.jqwik.api.Tuple.of(2, voter.map(Withdraw::new)),
                net.jqwik.api.Tuple.of(4, Combinators.combine(Arbitraries.integers().between(0, 3), rules,
                        Arbitraries.of(true, false)).as(ChangePolicy::new)),
                net.jqwik.api.Tuple.of(3, Combinators.combine(voter,
                        Arbitraries.of(GROUPS).set().ofMaxSize(2), Arbitraries.of(true, true, false),
                        Arbitraries.of(true, true, false)).as(ChangeAccess::new)),
                net.jqwik.api.Tuple.of(2, Arbitraries.longs().between(1, 90).map(TimePasses::new)),
                net.jqwik.api.Tuple.of(4, Arbitraries.of("alice", "dan").map(Deploy::new)));
        return step.list().ofMinSize(5).ofMaxSize(40);
    }
}
