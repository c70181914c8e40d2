package dev.shipgate.approval.approval.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.approval.access.domain.UserReferences;
import dev.shipgate.approval.identity.Spellings;
import dev.shipgate.approval.image.domain.BuilderRule;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.events.ApprovalRequested;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import static dev.shipgate.approval.approval.domain.Fixtures.ALICE;
import static dev.shipgate.approval.approval.domain.Fixtures.BOB;
import static dev.shipgate.approval.approval.domain.Fixtures.CAROL;
import static dev.shipgate.approval.approval.domain.Fixtures.ELIGIBLE;
import static dev.shipgate.approval.approval.domain.Fixtures.NOW;
import static dev.shipgate.approval.approval.domain.Fixtures.PEOPLE;
import static dev.shipgate.approval.approval.domain.Fixtures.accepted;
import static dev.shipgate.approval.approval.domain.Fixtures.actor;
import static dev.shipgate.approval.approval.domain.Fixtures.policy;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, items 2, 3 and 5 at the domain level, over generated spellings of ids (case, surrounding space, NFKC
 * compatibility forms, the user's e-mail address): the requester and builder rules hold for every spelling, only a
 * service account names another builder, and an image never crosses to another application's pipeline.
 */
class IdentityRulesTest {

    private static final Instant LATER = NOW.plusSeconds(120);

    private static final List<User> USERS = List.of(
            person("alice"), person("bob"), person("carol"), person("dave"),
            new User("ci-bot", "ci@example.com", "CI", true, List.of(), List.of(), true));

    private static User person(String id) {
        return new User(id, id + "@example.com", id, true, List.of(), List.of());
    }

    @Provide
    Arbitrary<String> bob() {
        return Spellings.of("bob", "bob@example.com");
    }

    @Provide
    Arbitrary<String> carol() {
        return Spellings.of("carol", "carol@example.com");
    }

    @Provide
    Arbitrary<String> ciBot() {
        return Spellings.of("ci-bot", "ci@example.com");
    }

    @Provide
    Arbitrary<String> aliceIdSpelling() {
        return Spellings.ofId("alice");
    }

    @Provide
    Arbitrary<String> bobIdSpelling() {
        return Spellings.ofId("bob");
    }

    @Property
    void an_image_built_by_any_spelling_of_bob_cannot_be_approved_or_rejected_by_bob(@ForAll("bob") String builder) {
        ApprovalRequest request = requestFor(builtBy(UserReferences.resolve(builder, USERS)));

        assertThat(refusal(request.approve(PEOPLE, BOB, null, LATER)))
                .isEqualTo(ApprovalRefusal.BUILDER_CANNOT_APPROVE);
        assertThat(refusal(request.reject(PEOPLE, BOB, "no", LATER))).isEqualTo(ApprovalRefusal.BUILDER_CANNOT_APPROVE);
        assertThat(request.approve(PEOPLE, CAROL, null, LATER)).isInstanceOf(Outcome.Accepted.class);
    }

    @Property
    void a_builder_stored_in_another_spelling_of_the_id_is_still_the_builder(@ForAll("bobIdSpelling") String stored) {
        ApprovalRequest request = requestFor(builtBy(stored));

        assertThat(refusal(request.approve(PEOPLE, BOB, null, LATER)))
                .isEqualTo(ApprovalRefusal.BUILDER_CANNOT_APPROVE);
    }

    @Property
    void the_requester_cannot_approve_under_any_spelling_of_their_id(@ForAll("aliceIdSpelling") String spelled) {
        Actor aliceSpelled = actor(spelled, List.of(), Role.BUILD_AND_DEPLOY, Role.IMAGE_APPROVER);
        ApprovalRequest askedByAlice = requestFor(Fixtures.IMAGE);
        ApprovalRequest askedBySpelled = accepted(ApprovalRequest.open("ar-2", Fixtures.IMAGE, aliceSpelled,
                List.of(), ELIGIBLE, null, policy(1), NOW));
        Actor aliceApprover = actor("alice", List.of(), Role.IMAGE_APPROVER);

        assertThat(refusal(askedByAlice.approve(PEOPLE, aliceSpelled, null, LATER)))
                .isEqualTo(ApprovalRefusal.REQUESTER_CANNOT_APPROVE);
        assertThat(refusal(askedBySpelled.approve(PEOPLE, aliceApprover, null, LATER)))
                .isEqualTo(ApprovalRefusal.REQUESTER_CANNOT_APPROVE);
        assertThat(askedBySpelled.cancel(ALICE, LATER)).as("and she can still cancel it")
                .isInstanceOf(Outcome.Accepted.class);
    }

    @Property
    void a_person_votes_once_whatever_spelling_they_vote_under(@ForAll("bobIdSpelling") String spelled) {
        ApprovalRequest votedByBob = accepted(requestFor(Fixtures.IMAGE, 2)
                .approve(PEOPLE, BOB, null, NOW.plusSeconds(60)));
        Actor bobAgain = actor(spelled, List.of("release-managers"), Role.IMAGE_APPROVER);

        assertThat(refusal(votedByBob.approve(PEOPLE, bobAgain, null, LATER))).isEqualTo(ApprovalRefusal.ALREADY_VOTED);
    }

    @Property
    void any_spelling_of_an_eligible_approver_is_accepted_as_that_approver(@ForAll("carol") String named) {
        var outcome = (Outcome.Accepted) ApprovalRequest.open("ar-1", Fixtures.IMAGE, ALICE,
                List.of(UserReferences.resolve(named, USERS)), ELIGIBLE, null, policy(1), NOW);

        assertThat(((ApprovalRequested) outcome.events().get(0)).approvers()).containsExactly("carol");
    }

    @Property
    void a_person_registering_their_own_build_is_the_builder_under_any_spelling(@ForAll("bob") String named) {
        var decision = BuilderRule.builderOf("bob", false, UserReferences.resolve(named, USERS));

        assertThat(decision).isEqualTo(new BuilderRule.Builder("bob"));
    }

    @Property
    void a_person_cannot_name_anyone_else_as_builder(@ForAll("ciBot") String named) {
        var decision = BuilderRule.builderOf("bob", false, UserReferences.resolve(named, USERS));

        assertThat(decision).isInstanceOf(BuilderRule.Refused.class);
    }

    @Property
    void a_service_account_names_the_builder_and_that_builder_cannot_approve(@ForAll("bob") String named) {
        var decision = BuilderRule.builderOf("ci-bot", true, UserReferences.resolve(named, USERS));

        assertThat(decision).isEqualTo(new BuilderRule.Builder("bob"));
        ApprovalRequest request = requestFor(builtBy(((BuilderRule.Builder) decision).userId()));
        assertThat(refusal(request.approve(PEOPLE, BOB, null, LATER)))
                .isEqualTo(ApprovalRefusal.BUILDER_CANNOT_APPROVE);
    }

    @Provide
    Arbitrary<String> application() {
        return Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(12);
    }

    @Property
    void an_image_of_another_application_is_refused_at_request_vote_and_deployment(
            @ForAll("application") String imageApplication) {
        RequestedImage crossing = new RequestedImage("pl-1", "shop", "payments", "prod", "sha256:ab12", "1.4.2",
                "ci-bot", imageApplication);
        if ("payments".equals(imageApplication)) {
            assertThat(ApprovalRequest.open("ar-1", crossing, ALICE, List.of(), ELIGIBLE, null, policy(1), NOW))
                    .isInstanceOf(Outcome.Accepted.class);
            return;
        }
        // a request stored before the image's application was kept, then read with it filled in
        ApprovalRequest stored = requestFor(builtBy("ci-bot")).withImage(crossing);
        ApprovalRequest approvedBefore = accepted(requestFor(Fixtures.IMAGE).approve(PEOPLE, CAROL, null, LATER))
                .withImage(crossing);

        assertThat(refusal(ApprovalRequest.open("ar-1", crossing, ALICE, List.of(), ELIGIBLE, null, policy(1), NOW)))
                .isEqualTo(ApprovalRefusal.IMAGE_OF_ANOTHER_APPLICATION);
        assertThat(refusal(stored.approve(PEOPLE, CAROL, null, LATER)))
                .isEqualTo(ApprovalRefusal.IMAGE_OF_ANOTHER_APPLICATION);
        assertThat(refusal(stored.reject(PEOPLE, CAROL, "no", LATER)))
                .isEqualTo(ApprovalRefusal.IMAGE_OF_ANOTHER_APPLICATION);
        assertThat(refusal(approvedBefore.consume(PEOPLE, "dp-1", ALICE, LATER.plusSeconds(1))))
                .isEqualTo(ApprovalRefusal.IMAGE_OF_ANOTHER_APPLICATION);
    }

    @Example
    void an_address_nobody_has_stays_as_its_canonical_form_and_matches_nobody() {
        assertThat(UserReferences.resolve(" Mallory@Example.COM ", USERS)).isEqualTo("mallory@example.com");
    }

    @Example
    void a_user_whose_id_is_an_address_is_found_by_id_before_anyone_holding_that_address() {
        List<User> users = List.of(person("bob"), new User("bob@example.com", "other@example.com", "B", true,
                List.of(), List.of()));

        assertThat(UserReferences.resolve("BOB@example.com", users)).isEqualTo("bob@example.com");
    }

    @Example
    void an_address_two_users_share_resolves_to_the_lowest_id_whatever_the_order() {
        User zed = new User("zed", "Shared@Example.com", "Z", true, List.of(), List.of());
        User amy = new User("amy", "shared@example.com", "A", true, List.of(), List.of());

        assertThat(UserReferences.resolve("shared@example.com", List.of(zed, amy))).isEqualTo("amy");
        assertThat(UserReferences.resolve("shared@example.com", List.of(amy, zed))).isEqualTo("amy");
    }

    private static RequestedImage builtBy(String builder) {
        return new RequestedImage("pl-1", "shop", "payments", "prod", "sha256:ab12", "1.4.2", builder);
    }

    private static ApprovalRequest requestFor(RequestedImage image) {
        return requestFor(image, 1);
    }

    private static ApprovalRequest requestFor(RequestedImage image, int required) {
        Set<String> eligible = Set.of("bob", "carol", "dave");
        return accepted(ApprovalRequest.open("ar-1", image, ALICE, List.of(), eligible, null, policy(required), NOW));
    }

    private static ApprovalRefusal refusal(Outcome outcome) {
        assertThat(outcome).as("expected a refusal").isInstanceOf(Outcome.Refused.class);
        return ApprovalRefusal.valueOf(((Outcome.Refused) outcome).refusal().reason());
    }
}
