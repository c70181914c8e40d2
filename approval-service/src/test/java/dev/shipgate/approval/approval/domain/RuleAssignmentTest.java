package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.approval.domain.RuleAssignment.RuleProgress;
import dev.shipgate.contracts.events.ApproverRule;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class RuleAssignmentTest {

    private static final List<String> GROUPS = List.of("security", "release-managers", "sre");

    /** The reported input (issue 16, 3): carol is in both groups, dave in neither; two rules need two people. */
    @Example
    void onePersonInTwoGroupsFillsOneRule() {
        var rules = List.of(new ApproverRule("security", 1), new ApproverRule("release-managers", 1));
        var voters = voters("carol", Set.of("security", "release-managers"), "dave", Set.of());

        List<RuleProgress> progress = RuleAssignment.assign(rules, voters, false);

        assertThat(progress).filteredOn(RuleProgress::met).hasSize(1);
        assertThat(RuleAssignment.assign(rules, voters, true)).allMatch(RuleProgress::met);
    }

    @Example
    void votersAreMovedBetweenRulesToMeetThemAll() {
        // bob can fill only release-managers; carol either: carol must go to security for both to be met
        var rules = List.of(new ApproverRule("release-managers", 1), new ApproverRule("security", 1));
        var voters = voters("carol", Set.of("security", "release-managers"), "bob", Set.of("release-managers"));

        List<RuleProgress> progress = RuleAssignment.assign(rules, voters, false);

        assertThat(progress).allMatch(RuleProgress::met);
        assertThat(progress.get(0).counted()).containsExactly("bob");
        assertThat(progress.get(1).counted()).containsExactly("carol");
    }

    @Property(tries = 500)
    void seatsEachVoterOnceInAGroupOfTheirsAndMeetsTheMostRulesPossible(
            @ForAll("rules") List<ApproverRule> rules, @ForAll("voters") Map<String, Set<String>> voters) {
        List<RuleProgress> progress = RuleAssignment.assign(rules, voters, false);

        assertThat(progress).hasSize(rules.size());
        List<String> seated = progress.stream().flatMap(p -> p.counted().stream()).toList();
        assertThat(seated).doesNotHaveDuplicates();
        for (RuleProgress p : progress) {
            assertThat(p.have()).isLessThanOrEqualTo(p.need());
            assertThat(p.counted()).allMatch(voter -> voters.get(voter).contains(p.rule().group()));
        }
        assertThat(progress.stream().filter(RuleProgress::met).count()).isEqualTo(mostRulesMetByAnySeating(rules,
                voters));
    }

    @Property(tries = 200)
    void countingInEveryRuleMeetsAtLeastAsManyRules(@ForAll("rules") List<ApproverRule> rules,
                                                    @ForAll("voters") Map<String, Set<String>> voters) {
        long oneEach = RuleAssignment.assign(rules, voters, false).stream().filter(RuleProgress::met).count();
        long everyRule = RuleAssignment.assign(rules, voters, true).stream().filter(RuleProgress::met).count();
        assertThat(everyRule).isGreaterThanOrEqualTo(oneEach);
    }

    /** Brute force: every voter in one of their rules or none, the best count of rules met. */
    private static long mostRulesMetByAnySeating(List<ApproverRule> rules, Map<String, Set<String>> voters) {
        List<String> names = List.copyOf(voters.keySet());
        int choices = rules.size() + 1;
        long best = 0;
        int combinations = (int) Math.pow(choices, names.size());
        for (int code = 0; code < combinations; code++) {
            Map<Integer, Integer> load = new HashMap<>();
            boolean valid = true;
            int rest = code;
            for (String name : names) {
                int choice = rest % choices;
                rest /= choices;
                if (choice < rules.size()) {
                    valid &= voters.get(name).contains(rules.get(choice).group());
                    load.merge(choice, 1, Integer::sum);
                }
            }
            if (valid) {
                long met = 0;
                for (int r = 0; r < rules.size(); r++) {
                    met += load.getOrDefault(r, 0) >= rules.get(r).approvals() ? 1 : 0;
                }
                best = Math.max(best, met);
            }
        }
        return best;
    }

    @Provide
    Arbitrary<List<ApproverRule>> rules() {
        Arbitrary<ApproverRule> rule = Arbitraries.of(GROUPS).flatMap(group ->
                Arbitraries.integers().between(1, 2).map(n -> new ApproverRule(group, n)));
        return rule.list().ofMaxSize(3);
    }

    @Provide
    Arbitrary<Map<String, Set<String>>> voters() {
        return Arbitraries.of(GROUPS).set().ofMaxSize(3).list().ofMaxSize(5).map(groupSets -> {
            Map<String, Set<String>> voters = new LinkedHashMap<>();
            for (int i = 0; i < groupSets.size(); i++) {
                voters.put("u" + i, groupSets.get(i));
            }
            return voters;
        });
    }

    private static Map<String, Set<String>> voters(String a, Set<String> aGroups, String b, Set<String> bGroups) {
        Map<String, Set<String>> voters = new LinkedHashMap<>();
        voters.put(a, aGroups);
        voters.put(b, bGroups);
        return voters;
    }
}
