package dev.shipgate.gateway;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.core.io.FileSystemResource;

import java.io.IOException;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in sign-in knows a user by the canonical form of the name typed (issue 15, item 2). */
class CredentialsTest {

    private static final Credentials SEEDED = seeded();

    private static Credentials seeded() {
        try {
            return new Credentials(new FileSystemResource("../config/seed.json"));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"carol", "CAROL", " Carol ", "\uFF43\uFF41\uFF52\uFF4F\uFF4C"})
    void any_spelling_of_the_user_name_signs_in_as_the_canonical_id(String typed) {
        var signedIn = SEEDED.check(typed, "shipgate-demo");

        assertThat(signedIn).isPresent();
        assertThat(signedIn.get().userId()).isEqualTo("carol");
    }
}
