package dev.shipgate.runtime;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Ports for the test servers come from below the kernel's ephemeral range, where no outgoing connection lands. */
class FreePortTest {

    @Test
    void a_chosen_port_lies_below_the_ephemeral_range_and_can_be_bound() throws IOException {
        int ephemeralStart;
        try (var in = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            ephemeralStart = Integer.parseInt(in.readLine().trim().split("\\s+")[0]);
        }
        Set<Integer> chosen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            int port = LocalInfra.freePort();
            assertThat(port).isBetween(LocalInfra.LOWEST_CHOSEN_PORT, ephemeralStart - 1);
            try (ServerSocket server = new ServerSocket(port)) {
                assertThat(server.getLocalPort()).isEqualTo(port);
            }
            chosen.add(port);
        }
        assertThat(chosen).hasSize(50); // handed out once each, though each was free again after its check
    }

    /** Two systems starting side by side draw their ports at the same time, none bound yet: never the same one. */
    @Test
    void ports_drawn_at_once_from_several_threads_are_all_different() throws Exception {
        Set<Integer> drawn = java.util.concurrent.ConcurrentHashMap.newKeySet();
        java.util.concurrent.atomic.AtomicInteger draws = new java.util.concurrent.atomic.AtomicInteger();
        var threads = java.util.concurrent.Executors.newFixedThreadPool(4);
        try {
            var running = new java.util.ArrayList<java.util.concurrent.Future<?>>();
            for (int t = 0; t < 4; t++) {
                running.add(threads.submit(() -> {
                    for (int i = 0; i < 100; i++) {
                        drawn.add(LocalInfra.freePort());
                        draws.incrementAndGet();
                    }
                }));
            }
            for (var thread : running) {
                thread.get();
            }
        } finally {
            threads.shutdownNow();
        }
        assertThat(draws.get()).isEqualTo(400);
        assertThat(drawn).hasSize(400);
    }

    @Test
    void a_port_in_use_is_never_chosen() throws IOException {
        Set<ServerSocket> held = new HashSet<>();
        try {
            Set<Integer> taken = new HashSet<>();
            for (int i = 0; i < 20; i++) {
                ServerSocket socket = new ServerSocket(LocalInfra.freePort());
                held.add(socket);
                taken.add(socket.getLocalPort());
            }
            for (int i = 0; i < 200; i++) {
                assertThat(taken).doesNotContain(LocalInfra.freePort());
            }
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }
}
