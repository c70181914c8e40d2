package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.events.ApproverRule;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Which approvers count toward which approver rule (design rule 11, "Counting").
 *
 * <p>By default a person counts toward at most one rule, so with "1 from security" and "1 from release-managers"
 * one person in both groups fills only one of them: two rules mean two people, as GitLab's multiple approval rules
 * intend. Among all ways to seat the voters, the one that meets the most rules is chosen (ties go to the rules listed
 * first); the rules left unmet then get as many of the remaining voters as can still be seated. With
 * {@code countInEveryRule} (a per-pipeline setting) a person counts in every rule whose group they belong to.
 *
 * <p>Seating is a bipartite b-matching (voters to rule seats), solved by augmenting paths: a handful of rules and
 * voters per request, so trying every subset of rules, largest first, is cheap and exact. Augmenting never empties a
 * seat, so rules met in the first phase stay met in the second.
 */
public final class RuleAssignment {

    /** A rule's progress: who counts toward it, in the order they voted, of {@code rule.approvals()} needed. */
    public record RuleProgress(ApproverRule rule, List<String> counted) {

        public RuleProgress {
            counted = List.copyOf(counted);
        }

        public int have() {
            return counted.size();
        }

        public int need() {
            return rule.approvals();
        }

        public boolean met() {
            return have() >= need();
        }
    }

    private RuleAssignment() {
    }

    /**
     * @param rules            the pipeline's approver rules, in the order the pipeline lists them
     * @param groupsByVoter    each counting voter's current groups, in the order they voted
     * @param countInEveryRule whether one person may count toward several rules
     * @return one progress per rule, in the order of {@code rules}
     */
    public static List<RuleProgress> assign(List<ApproverRule> rules, Map<String, Set<String>> groupsByVoter,
                                            boolean countInEveryRule) {
        List<String> voters = List.copyOf(groupsByVoter.keySet());
        if (countInEveryRule) {
            return rules.stream().map(rule -> new RuleProgress(rule, voters.stream()
                    .filter(voter -> groupsByVoter.get(voter).contains(rule.group())).toList())).toList();
        }
        Seating best = bestSeating(rules, voters, groupsByVoter);
        return IntStream.range(0, rules.size())
                .mapToObj(r -> new RuleProgress(rules.get(r), best.seatedIn(r, voters)))
                .toList();
    }

    private static Seating bestSeating(List<ApproverRule> rules, List<String> voters,
                                       Map<String, Set<String>> groupsByVoter) {
        boolean[][] fits = new boolean[voters.size()][rules.size()];
        for (int v = 0; v < voters.size(); v++) {
            for (int r = 0; r < rules.size(); r++) {
                fits[v][r] = groupsByVoter.get(voters.get(v)).contains(rules.get(r).group());
            }
        }
        int all = 1 << rules.size();
        List<Integer> subsets = IntStream.range(0, all).boxed()
                .sorted(Comparator.comparingInt(Integer::bitCount).reversed()
                        .thenComparing(RuleAssignment::earlierRulesFirst))
                .toList();
        for (int subset : subsets) {
            Seating seating = new Seating(fits, rules);
            seating.seatAll(subset);
            if (seating.fills(subset)) {
                seating.seatAll(all - 1); // the rules left unmet take the voters still standing
                return seating;
            }
        }
        throw new IllegalStateException("the empty set of rules is always met");
    }

    /** Among subsets of one size, those holding the rules listed first come first. */
    private static int earlierRulesFirst(int a, int b) {
        return Integer.compareUnsigned(Integer.reverse(b), Integer.reverse(a));
    }

    /** Voters seated in rules, at most {@code approvals} per rule; -1 for a voter not seated. */
    private static final class Seating {
        private final boolean[][] fits;
        private final List<ApproverRule> rules;
        private final int[] ruleOf;
        private final int[] load;

        Seating(boolean[][] fits, List<ApproverRule> rules) {
            this.fits = fits;
            this.rules = rules;
            this.ruleOf = new int[fits.length];
            Arrays.fill(ruleOf, -1);
            this.load = new int[rules.size()];
        }

        void seatAll(int open) {
            for (int v = 0; v < ruleOf.length; v++) {
                if (ruleOf[v] < 0) {
                    seat(v, open, new boolean[rules.size()]);
                }
            }
        }

        /** Finds voter v a seat in an open rule, moving seated voters along an augmenting path if needed. */
        private boolean seat(int v, int open, boolean[] visited) {
            for (int r = 0; r < rules.size(); r++) {
                if (!fits[v][r] || (open & (1 << r)) == 0 || visited[r]) {
                    continue;
                }
                visited[r] = true;
                if (load[r] < rules.get(r).approvals()) {
                    ruleOf[v] = r;
                    load[r]++;
                    return true;
                }
                for (int w = 0; w < ruleOf.length; w++) {
                    if (ruleOf[w] == r && seat(w, open, visited)) {
                        ruleOf[v] = r; // w moved to another rule and v takes its seat: the load of r is unchanged
                        return true;
                    }
                }
            }
            return false;
        }

        boolean fills(int subset) {
            for (int r = 0; r < rules.size(); r++) {
                if ((subset & (1 << r)) != 0 && load[r] < rules.get(r).approvals()) {
                    return false;
                }
            }
            return true;
        }

        List<String> seatedIn(int r, List<String> voters) {
            List<String> seated = new ArrayList<>();
            for (int v = 0; v < ruleOf.length; v++) {
                if (ruleOf[v] == r) {
                    seated.add(voters.get(v));
                }
            }
            return seated;
        }
    }
}
