package dev.shipgate.support.config;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;

import java.io.IOException;

/**
 * Runs a seeder once the service is ready (Spring's {@link ApplicationReadyEvent}): its listeners and its outbox relay
 * run by then, so what the seeder writes is published like any change. A configuration declares one bean per seeder.
 *
 * @param seeder   what reads the seed file and writes what is missing
 * @param seedFile the seed file; null when there is nothing to seed (the seeder decides what that means)
 */
public record SeedWhenReady(Seeder seeder, Resource seedFile) {

    /** Reads the seed file and writes what is missing; the file is null or absent when there is none. */
    @FunctionalInterface
    public interface Seeder {
        void seed(Resource seedFile) throws IOException;
    }

    @EventListener(ApplicationReadyEvent.class)
    public void seed() throws IOException {
        seeder.seed(seedFile);
    }
}
