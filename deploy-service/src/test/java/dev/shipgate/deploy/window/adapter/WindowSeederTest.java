package dev.shipgate.deploy.window.adapter;

import dev.shipgate.contracts.access.Scope;
import dev.shipgate.deploy.window.application.Windows;
import dev.shipgate.deploy.window.domain.DeploymentWindow;
import dev.shipgate.deploy.window.domain.WindowCalendar;
import dev.shipgate.deploy.window.domain.WindowKind;
import dev.shipgate.deploy.window.domain.WindowVerdict;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.FileSystemResource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** The repository's seed file gives payments-prod a weekend blackout (Berlin time) that lets rollbacks through. */
class WindowSeederTest {

    private final List<DeploymentWindow> stored = new ArrayList<>();
    private final Windows windows = new Windows() {
        @Override
        public void insert(DeploymentWindow window) {
            stored.add(window);
        }

        @Override
        public Optional<DeploymentWindow> find(String id) {
            return stored.stream().filter(w -> w.id().equals(id)).findFirst();
        }

        @Override
        public boolean delete(String id) {
            return stored.removeIf(w -> w.id().equals(id));
        }

        @Override
        public List<DeploymentWindow> all() {
            return List.copyOf(stored);
        }
    };

    @Test
    void the_seed_blacks_out_payments_prod_from_saturday_to_monday_in_berlin_and_seeds_once() throws Exception {
        WindowSeeder seeder = new WindowSeeder(windows);
        seeder.seed(new FileSystemResource("../config/seed.json"));
        seeder.seed(new FileSystemResource("../config/seed.json"));

        assertThat(stored).singleElement().satisfies(window -> {
            assertThat(window.kind()).isEqualTo(WindowKind.BLACKOUT);
            assertThat(window.appliesTo("payments-prod", new Scope("shop", "payments", "prod"))).isTrue();
            assertThat(window.appliesTo("payments-staging", new Scope("shop", "payments", "staging"))).isFalse();
            assertThat(window.holds(true)).isFalse();
        });
        WindowCalendar calendar = new WindowCalendar(stored);
        WindowVerdict saturday = calendar.at(Instant.parse("2026-06-06T10:00:00Z"));
        assertThat(saturday.isOpen()).isFalse();
        assertThat(saturday.nextOpening()).isEqualTo(Instant.parse("2026-06-07T22:00:00Z")); // Monday 00:00 CEST
        assertThat(calendar.at(Instant.parse("2026-06-05T21:59:59Z")).isOpen()).isTrue(); // Friday 23:59:59
        assertThat(calendar.at(Instant.parse("2026-06-08T08:00:00Z")).isOpen()).isTrue();
    }
}
