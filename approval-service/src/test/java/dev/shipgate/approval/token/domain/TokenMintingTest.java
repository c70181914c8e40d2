package dev.shipgate.approval.token.domain;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.token.domain.TokenMinting.Minter;
import dev.shipgate.approval.token.domain.TokenMinting.Owner;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may make a token acting as whom, over generated callers and owners (DESIGN rule 12). */
class TokenMintingTest {

    private static final Arbitrary<String> USERS = Arbitraries.of("alice", "bob", "dave", "ci-bot", "mona");

    @Provide
    Arbitrary<Minter> minters() {
        return Combinators.combine(USERS, Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Minter::new);
    }

    @Provide
    Arbitrary<Owner> owners() {
        return Combinators.combine(USERS, Arbitraries.of(true, false)).as(Owner::new);
    }

    @Property
    void a_token_is_made_only_by_a_signed_in_person_for_themselves_or_by_a_super_admin_for_a_service_account(
            @ForAll("minters") Minter minter, @ForAll("owners") Owner owner) {
        boolean allowed = !minter.throughApiToken() && (owner.userId().equals(minter.userId())
                || minter.superAdmin() && owner.serviceAccount());

        assertThat(TokenMinting.refusal(minter, owner).isEmpty()).isEqualTo(allowed);
    }

    @Property
    void nobody_makes_a_token_for_another_person_whatever_their_roles(@ForAll("minters") Minter minter,
                                                                      @ForAll("owners") Owner owner) {
        Owner person = new Owner(owner.userId(), false);
        if (!person.userId().equals(minter.userId())) {
            assertThat(TokenMinting.refusal(minter, person)).isPresent();
        }
    }

    /** Issue 15, input 4: dave (super admin) makes a token for bob to approve his own request as bob. */
    @Example
    void a_super_admin_cannot_make_a_token_for_a_person() {
        Optional<Refusal> refusal = TokenMinting.refusal(new Minter("dave", true, false),
                new Owner("bob", false));

        assertThat(refusal).map(Refusal::reason).contains("NOT_A_SERVICE_ACCOUNT");
        assertThat(TokenMinting.refusal(new Minter("dave", true, false), new Owner("ci-bot", true))).isEmpty();
        assertThat(TokenMinting.refusal(new Minter("dave", true, true), new Owner("ci-bot", true)))
                .map(Refusal::reason).contains("SIGN_IN_REQUIRED");
    }
}
