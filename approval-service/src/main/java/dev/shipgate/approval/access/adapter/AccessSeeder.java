package dev.shipgate.approval.access.adapter;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.application.AccessStore;
import dev.shipgate.contracts.KafkaEventCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;

import java.io.IOException;
import java.io.InputStream;

/**
 * Moves stored users to their canonical ids (see {@link AccessStore#canonicaliseUserIds}), adds the seed file's
 * groups and users that do not exist yet (changes made through the API are kept), then publishes everyone's access
 * so that other services start with all of it.
 */
class AccessSeeder {

    private static final Logger log = LoggerFactory.getLogger(AccessSeeder.class);

    private final AccessStore store;
    private final AccessService access;

    public AccessSeeder(AccessStore store, AccessService access) {
        this.store = store;
        this.access = access;
    }

    public void seed(Resource seedFile) throws IOException {
        store.canonicaliseUserIds(); // before seeding, so a seeded 'bob' does not clash with a stored 'Bob'
        if (seedFile != null && seedFile.exists()) {
            SeedFile seed;
            try (InputStream in = seedFile.getInputStream()) {
                seed = KafkaEventCodec.json().readValue(in, SeedFile.class);
            }
            seed.groups().stream().filter(g -> store.findGroup(g.name()).isEmpty())
                    .forEach(g -> store.saveGroup(g.toGroup()));
            seed.users().stream().map(SeedFile.SeedUser::toUser).filter(u -> store.findUser(u.id()).isEmpty())
                    .forEach(access::saveUser);
            log.info("access seeded from {}: {} groups, {} users", seedFile.getDescription(), seed.groups().size(),
                    seed.users().size());
        }
        access.republishAll();
    }
}
