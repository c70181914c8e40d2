package dev.shipgate.notification.recipient.adapter;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.testing.SteppingClock;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.support.cache.ShortLivedCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The contact replica on the embedded default database, with the driver's find commands counted. */
class MongoRecipientsTest {

    private final AtomicInteger finds = new AtomicInteger();
    private final MongoClient client = MongoClients.create(MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(SharedInfra.get().mongoUri()))
            .addCommandListener(new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    if (event.getCommandName().equals("find")) {
                        finds.incrementAndGet();
                    }
                }
            }).build());
    private final SteppingClock clock = new SteppingClock(Instant.parse("2026-12-01T09:00:00Z"));
    private final MongoRecipients recipients = new MongoRecipients(
            new MongoTemplate(client, "recipients-" + UUID.randomUUID()),
            new ShortLivedCache<>(Duration.ofMinutes(1), Clock.systemUTC()), clock);

    @AfterEach
    void closeClient() {
        client.close();
    }

    @Test
    void a_contact_read_for_every_mail_is_read_once_and_a_change_applied_here_is_seen_at_once() {
        recipients.apply(access("Bob", "bob@example.com", true));

        assertThat(recipients.emailOf("bob")).contains("bob@example.com");
        assertThat(recipients.emailOf("BOB")).contains("bob@example.com"); // one canonical id
        assertThat(finds.get()).isEqualTo(1);

        recipients.apply(access("bob", "robert@example.com", true));
        assertThat(recipients.emailOf("bob")).contains("robert@example.com");

        recipients.apply(access("bob", "robert@example.com", false));
        assertThat(recipients.emailOf("bob")).isEmpty(); // deactivated: no mail
    }

    @Test
    void a_time_boxed_grant_counts_strictly_before_its_end_and_not_from_it_on() {
        Instant end = clock.instant().plusSeconds(3600);
        recipients.apply(new UserAccessChanged("olga", "olga@example.com", "Olga", true, List.of(),
                List.of(new RoleBinding("IMAGE_APPROVER", "shop", "payments", "prod", end),
                        new RoleBinding("VIEW", "shop", "*", "*"))));
        Scope prod = new Scope("shop", "payments", "prod");

        clock.step(Duration.ofSeconds(3600).minusMillis(1));
        assertThat(recipients.permissionsOf("olga").canApproveImages(prod)).isTrue();

        clock.step(Duration.ofMillis(1));
        assertThat(recipients.permissionsOf("olga").canApproveImages(prod)).isFalse();
        assertThat(recipients.permissionsOf("olga").canView(prod)).as("a grant with no end stays").isTrue();
    }

    private static UserAccessChanged access(String userId, String email, boolean active) {
        return new UserAccessChanged(userId, email, userId, active, List.of(), List.of());
    }
}
