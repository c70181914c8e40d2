package dev.shipgate.gateway;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.identity.UserIds;
import org.springframework.core.io.Resource;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The built-in sign-in of the local default: users and bcrypt password hashes from the seed file. Production signs
 * in through an OIDC provider instead.
 */
public class Credentials {

    /** Compared against when the user does not exist, so a wrong name takes as long as a wrong password. */
    private static final String DUMMY_HASH = new BCryptPasswordEncoder().encode("no-such-user");

    record SeedUser(String id, String displayName, String passwordHash) {
    }

    record SeedFile(List<SeedUser> users) {
    }

    public record SignedIn(String userId, String displayName) {
    }

    private final Map<String, SeedUser> users = new HashMap<>();
    private final BCryptPasswordEncoder encoder = new BCryptPasswordEncoder();

    public Credentials(Resource seedFile) throws IOException {
        if (seedFile != null && seedFile.exists()) {
            try (InputStream in = seedFile.getInputStream()) {
                SeedFile seed = KafkaEventCodec.json().readValue(in, SeedFile.class);
                if (seed.users() != null) {
                    seed.users().stream().filter(u -> u.passwordHash() != null)
                            .forEach(u -> users.put(UserIds.canonical(u.id()), u));
                }
            }
        }
    }

    /** @param userId any spelling of the id (see {@link UserIds}); the signed-in id is the canonical one */
    public Optional<SignedIn> check(String userId, String password) {
        String id = UserIds.canonical(userId);
        SeedUser user = users.get(id);
        String hash = user == null ? DUMMY_HASH : stripPrefix(user.passwordHash());
        boolean matches = encoder.matches(password, hash);
        return user != null && matches ? Optional.of(new SignedIn(id, user.displayName() == null ? id
                : user.displayName())) : Optional.empty();
    }

    private static String stripPrefix(String hash) {
        return hash.startsWith("{bcrypt}") ? hash.substring("{bcrypt}".length()) : hash;
    }
}
