package dev.shipgate.gateway;

import dev.shipgate.testing.SteppingClock;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.shipgate.testing.TestTokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.event.KeyValuePair;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15, input 7: password guessing against the built-in issuer, over HTTP on the running gateway, with the time
 * stepped by a test clock. Requests come from two loopback addresses (127.0.0.1 and 127.0.0.2): the gateway sees
 * them as two client addresses, as it would two machines.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shipgate.security.secret=" + TestTokens.SECRET,
        "shipgate.seed-file=file:../config/seed.json",
        "APPROVAL_SERVICE_URL=http://127.0.0.1:9",
        "DEPLOY_SERVICE_URL=http://127.0.0.1:9",
        "NOTIFICATION_SERVICE_URL=http://127.0.0.1:9",
        "logging.structured.format.console="})
class PasswordGuessingTest {

    private static final String PASSWORD = "shipgate-demo";
    private static final String USER_ADDRESS = "127.0.0.1";
    private static final String ATTACKER_ADDRESS = "127.0.0.2";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** SignInAudit.LOGGER, spelled out so this test also compiles against the gateway before the audit existed. */
    private static final String AUDIT_LOGGER = "shipgate.audit.sign-in";

    @TestConfiguration
    static class SteppedTime {
        @Bean
        SteppingClock clock() {
            return new SteppingClock(Instant.parse("2026-03-02T09:00:00Z"));
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    SteppingClock clock;

    private final ListAppender<ILoggingEvent> audit = new ListAppender<>();

    @BeforeEach
    void listenToTheAudit() {
        audit.start();
        ((Logger) LoggerFactory.getLogger(AUDIT_LOGGER)).addAppender(audit);
    }

    @AfterEach
    void stopListening() {
        ((Logger) LoggerFactory.getLogger(AUDIT_LOGGER)).detachAppender(audit);
        // every test leaves its users' counters far behind
        clock.step(Duration.ofDays(2));
    }

    @Test
    void forty_wrong_passwords_in_a_row_are_slowed_then_refused_and_the_right_one_works_after_the_wait() {
        Instant retryAt = clock.instant().plusSeconds(1);
        List<Answer> answers = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            answers.add(signIn(USER_ADDRESS, "carol", "guess-" + i));
        }

        assertThat(answers.subList(0, 4)).extracting(Answer::status).containsOnly(401);
        assertThat(answers.subList(4, 40)).allSatisfy(locked -> {
            assertThat(locked.status()).isEqualTo(429);
            assertThat(locked.contentType()).startsWith("application/problem+json");
            assertThat(locked.reason()).isEqualTo("SIGN_IN_TEMPORARILY_LOCKED");
            assertThat(locked.header("Retry-After")).isEqualTo("1");
            assertThat(locked.json().path("retryAt").asString()).isEqualTo(retryAt.toString());
            assertThat(locked.json().path("detail").asString()).isEqualTo("too many failed sign-ins for this user: "
                    + "try again after " + retryAt + " (UTC), in 1 s");
        });
        assertThat(signIn(USER_ADDRESS, "carol", PASSWORD).status()).as("the right password while refused")
                .isEqualTo(429);

        clock.step(Duration.ofSeconds(1));
        assertThat(signIn(USER_ADDRESS, "carol", PASSWORD).status()).isEqualTo(200);
        assertThat(signIn(USER_ADDRESS, "carol", "guess").status()).as("the success reset the count").isEqualTo(401);
    }

    @Test
    void failures_taken_as_soon_as_allowed_wait_longer_each_time_until_a_fifteen_minute_lock() {
        List<String> retryAfters = new ArrayList<>();
        int failures = 0;
        while (!retryAfters.contains("900")) {
            assertThat(failures).as("failures checked before the lock").isLessThan(40);
            Answer answer = signIn(USER_ADDRESS, "dave", "guess");
            if (answer.status() == 401) {
                failures++;
            } else {
                assertThat(answer.status()).isEqualTo(429);
                retryAfters.add(answer.header("Retry-After"));
                if (!retryAfters.contains("900")) {
                    clock.step(Duration.ofSeconds(Long.parseLong(answer.header("Retry-After"))));
                }
            }
        }
        assertThat(failures).isEqualTo(10);
        assertThat(retryAfters).containsExactly("1", "2", "4", "8", "16", "32", "900");

        assertThat(signIn(USER_ADDRESS, "dave", PASSWORD).status()).as("the right password while locked")
                .isEqualTo(429);
        clock.step(Duration.ofMinutes(15).minusSeconds(1));
        assertThat(signIn(USER_ADDRESS, "dave", PASSWORD).header("Retry-After")).isEqualTo("1");
        clock.step(Duration.ofSeconds(1));
        assertThat(signIn(USER_ADDRESS, "dave", PASSWORD).status()).isEqualTo(200);
    }

    @Test
    void an_attacker_at_one_address_cannot_keep_the_user_out_from_another() {
        // the attacker guesses as fast as allowed for three hours: through the ramp, then once per 15 minute lock
        int guesses = 0;
        for (Instant end = clock.instant().plus(Duration.ofHours(3)); clock.instant().isBefore(end); ) {
            Answer answer = signIn(ATTACKER_ADDRESS, "BOB", "guess-" + guesses);
            if (answer.status() == 429) {
                clock.step(Duration.ofSeconds(Long.parseLong(answer.header("Retry-After"))));
            } else {
                assertThat(answer.status()).isEqualTo(401);
                assertThat(++guesses).as("guesses checked without a wait").isLessThan(100);
            }
        }
        assertThat(guesses).as("checked guesses in three hours").isBetween(20, 22);
        while (signIn(ATTACKER_ADDRESS, "bob", "one-more").status() != 401) {
            clock.step(Duration.ofMinutes(1));
        }
        assertThat(signIn(ATTACKER_ADDRESS, "bob", PASSWORD).status()).as("even the right password is locked at "
                + "the attacker's address").isEqualTo(429);

        // right after a guess past the 20th the account waits briefly at every address, then the user gets in
        Answer user = signIn(USER_ADDRESS, "bob", PASSWORD);
        assertThat(user.status()).isEqualTo(429);
        assertThat(Long.parseLong(user.header("Retry-After"))).isBetween(1L, 30L);
        clock.step(Duration.ofSeconds(Long.parseLong(user.header("Retry-After"))));
        assertThat(signIn(USER_ADDRESS, "bob", PASSWORD).status()).isEqualTo(200);
        assertThat(signIn(ATTACKER_ADDRESS, "bob", "guess").status()).as("the user's success does not free the "
                + "attacker's address").isEqualTo(429);
    }

    @Test
    void the_lock_counts_one_user_however_the_name_is_spelled() {
        for (String spelling : List.of("Erin", " erin ", "ERIN", "ｅｒｉｎ")) {
            assertThat(signIn(USER_ADDRESS, spelling, "guess").status()).isEqualTo(401);
        }
        assertThat(signIn(USER_ADDRESS, "erin", PASSWORD).status()).isEqualTo(429);
    }

    @Test
    void a_forwarded_for_header_does_not_move_the_attacker_to_another_address() {
        for (int i = 0; i < 4; i++) {
            assertThat(signIn(ATTACKER_ADDRESS, "mona", "guess", Map.of("X-Forwarded-For", "203.0.113." + i))
                    .status()).isEqualTo(401);
        }
        assertThat(signIn(ATTACKER_ADDRESS, "mona", "guess", Map.of("X-Forwarded-For", "203.0.113.99")).status())
                .isEqualTo(429);
    }

    @Test
    void an_unknown_user_name_gets_the_same_answers_at_the_same_cost_as_a_real_one() {
        List<String> real = new ArrayList<>();
        List<String> unknown = new ArrayList<>();
        List<Long> realNanos = new ArrayList<>();
        List<Long> unknownNanos = new ArrayList<>();
        for (int attempt = 0; attempt < 16; attempt++) {
            if (attempt % 5 == 4) {
                clock.step(Duration.ofSeconds(3)); // some attempts come after a wait is over
            }
            long start = System.nanoTime();
            Answer forReal = signIn(USER_ADDRESS, "alice", "guess");
            long middle = System.nanoTime();
            Answer forUnknown = signIn(USER_ADDRESS, "alice-nobody", "guess");
            long end = System.nanoTime();
            real.add(forReal.summary());
            unknown.add(forUnknown.summary());
            if (forReal.status() == 401) {
                realNanos.add(middle - start);
                unknownNanos.add(end - middle);
            }
        }
        assertThat(unknown).isEqualTo(real);
        assertThat(real).anyMatch(answer -> answer.startsWith("429"));
        // both check a bcrypt hash (a dummy one for the unknown name): the same cost within noise, not 100 times less
        double ratio = (double) median(unknownNanos) / median(realNanos);
        assertThat(ratio).as("time of an unknown name's check over a real one's (%s vs %s ns)",
                median(unknownNanos), median(realNanos)).isBetween(0.33, 3.0);
    }

    @Test
    void failed_locked_and_later_successful_sign_ins_are_audited_and_counted_without_the_password() {
        Instant waitEnds = clock.instant().plusSeconds(1);
        double failedBefore = attempts("failure");
        double lockedBefore = attempts("locked");
        for (int i = 0; i < 4; i++) {
            signIn(ATTACKER_ADDRESS, "ci-bot", "Secret-Guess-" + i);
        }
        signIn(ATTACKER_ADDRESS, "CI-Bot", "Secret-Guess-x");
        clock.step(Duration.ofSeconds(1));
        assertThat(signIn(ATTACKER_ADDRESS, "ci-bot", PASSWORD).status()).isEqualTo(200);

        List<Map<String, Object>> events = audit.list.stream().map(PasswordGuessingTest::fields).toList();
        assertThat(events).hasSize(6);
        assertThat(events).allSatisfy(event -> {
            assertThat(event).containsEntry("event.category", "authentication")
                    .containsEntry("event.action", "password-sign-in").containsEntry("user.name", "ci-bot")
                    .containsEntry("source.ip", ATTACKER_ADDRESS);
        });
        assertThat(events.subList(0, 4)).allSatisfy(event -> assertThat(event)
                .containsEntry("event.outcome", "failure").containsEntry("event.reason", "BAD_CREDENTIALS"));
        assertThat(events.get(2)).containsEntry("shipgate.sign_in.failures", 3)
                .doesNotContainKey("shipgate.sign_in.locked_until");
        assertThat(events.get(3)).containsEntry("shipgate.sign_in.failures", 4)
                .containsEntry("shipgate.sign_in.locked_until", waitEnds.toString());
        assertThat(events.get(4)).containsEntry("event.outcome", "failure")
                .containsEntry("event.reason", "SIGN_IN_TEMPORARILY_LOCKED")
                .containsEntry("shipgate.sign_in.locked_until", waitEnds.toString());
        assertThat(events.get(5)).containsEntry("event.outcome", "success")
                .containsEntry("shipgate.sign_in.failures", 4);
        String everything = audit.list.stream().map(e -> e.getFormattedMessage() + " " + fields(e))
                .collect(Collectors.joining("\n"));
        assertThat(everything.toLowerCase(Locale.ROOT)).doesNotContain("secret-guess").doesNotContain(PASSWORD);

        assertThat(attempts("failure") - failedBefore).isEqualTo(4);
        assertThat(attempts("locked") - lockedBefore).isEqualTo(1);
    }

    /** {@code shipgate_sign_in_attempts_total} of one outcome, as Prometheus scrapes it. */
    private double attempts(String outcome) {
        String metrics = new dev.shipgate.testing.Http("http://127.0.0.1:" + port).get(null, "/actuator/prometheus")
                .body();
        return metrics.lines().filter(line -> line.startsWith("shipgate_sign_in_attempts_total{")
                        && line.contains("outcome=\"" + outcome + "\""))
                .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .findFirst().orElse(0);
    }

    private static Map<String, Object> fields(ILoggingEvent event) {
        Map<String, Object> fields = new LinkedHashMap<>();
        if (event.getKeyValuePairs() != null) {
            for (KeyValuePair pair : event.getKeyValuePairs()) {
                fields.put(pair.key, pair.value);
            }
        }
        return fields;
    }

    private static long median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        return sorted.get(sorted.size() / 2);
    }

    private Answer signIn(String fromAddress, String username, String password) {
        return signIn(fromAddress, username, password, Map.of());
    }

    /**
     * POST /api/auth/token over a connection from {@code fromAddress} (HTTP/1.0: the answer ends with the connection).
     */
    private Answer signIn(String fromAddress, String username, String password, Map<String, String> headers) {
        byte[] body = JSON.writeValueAsString(Map.of("username", username, "password", password))
                .getBytes(StandardCharsets.UTF_8);
        StringBuilder request = new StringBuilder("POST /api/auth/token HTTP/1.0\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: " + body.length + "\r\n");
        headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
        request.append("\r\n");
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(fromAddress, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return Answer.parse(readAll(socket.getInputStream()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        in.transferTo(bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    record Answer(int status, Map<String, String> headers, String body) {
        static Answer parse(String response) {
            int end = response.indexOf("\r\n\r\n");
            String[] head = response.substring(0, end).split("\r\n");
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < head.length; i++) {
                int colon = head[i].indexOf(':');
                headers.put(head[i].substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        head[i].substring(colon + 1).trim());
            }
            return new Answer(Integer.parseInt(head[0].split(" ")[1]), headers, response.substring(end + 4));
        }

        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        String contentType() {
            return header("Content-Type");
        }

        JsonNode json() {
            return JSON.readTree(body);
        }

        String reason() {
            return json().path("reason").asString();
        }

        /** What a caller can tell apart: status, reason, detail and Retry-After. */
        String summary() {
            return status + " " + reason() + " " + json().path("detail").asString() + " " + header("Retry-After");
        }
    }
}
