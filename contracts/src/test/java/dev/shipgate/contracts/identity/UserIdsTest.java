package dev.shipgate.contracts.identity;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

class UserIdsTest {

    @Example
    void spellingsOfOnePersonAreOneId() {
        assertThat(UserIds.canonical("BOB")).isEqualTo("bob");
        assertThat(UserIds.canonical(" bob ")).isEqualTo("bob");
        assertThat(UserIds.canonical("\tBob\n")).isEqualTo("bob");
        assertThat(UserIds.canonical("ｂｏｂ")).isEqualTo("bob"); // full-width letters
        assertThat(UserIds.canonical("Bob@Example.com")).isEqualTo("bob@example.com");
        assertThat(UserIds.canonical(null)).isNull();
    }

    @Example
    void theJvmsLocaleDoesNotChangeTheForm() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr-TR"));
            assertThat(UserIds.canonical("IRIS")).isEqualTo("iris");
        } finally {
            Locale.setDefault(before);
        }
    }

    @Property
    void canonicalFormIsAFixedPoint(@ForAll @StringLength(max = 40) String raw) {
        String once = UserIds.canonical(raw);
        assertThat(UserIds.canonical(once)).isEqualTo(once);
    }

    @Property
    void caseAndSurroundingSpaceNeverMakeAnotherUser(@ForAll("asciiIds") String id) {
        assertThat(UserIds.same(id, "  " + id.toUpperCase(Locale.ROOT) + " ")).isTrue();
    }

    @Provide
    Arbitrary<String> asciiIds() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789._-@")
                .ofMinLength(1).ofMaxLength(30);
    }
}
