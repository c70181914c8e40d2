package dev.shipgate.deploy.it;

import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.ServiceTestProperties;
import dev.shipgate.testing.TopicWatcher;
import org.springframework.test.context.DynamicPropertyRegistry;

import java.util.List;

/** What every deploy-service IT's context needs: the shared broker and database (a database of its own), the secret. */
final class DeployServiceInfra {

    static final LocalInfra INFRA = SharedInfra.get();

    private DeployServiceInfra() {
    }

    static void register(DynamicPropertyRegistry registry) {
        ServiceTestProperties.register(registry, INFRA, KafkaAccess.DEPLOY, "deploy");
        registry.add("shipgate.outbox.retry-millis", () -> "100");
    }

    /** Gives {@code user} one role on shop / payments / every environment ({@code SUPER_ADMIN}: on everything). */
    static void grant(TopicWatcher topics, String user, String role) {
        RoleBinding binding = "SUPER_ADMIN".equals(role) ? new RoleBinding(role, "*", "*", "*")
                : new RoleBinding(role, "shop", "payments", "*");
        topics.publish(new UserAccessChanged(user, user + "@example.com", user, true, List.of(), List.of(binding)));
    }
}
