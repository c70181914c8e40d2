package dev.shipgate.system;

import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.testing.Http;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's first command, as a user runs it: {@code ./shipgate up} starts the whole system (training each
 * service for a fast start when it has not been yet), the demo users can sign in through the gateway, and
 * {@code ./shipgate down} leaves nothing running. On free ports, with its own home folder.
 */
// beside the shared system, with its own (junit-platform.properties); each test says SAME_THREAD, or it would
// inherit CONCURRENT and run beside its siblings
@Execution(ExecutionMode.CONCURRENT)
class ShipgateScriptIT {

    private static final Path ROOT = Path.of(System.getProperty("shipgate.root", "..")).toAbsolutePath().normalize();
    private static final Map<String, String> ENVIRONMENT = new HashMap<>();
    private static String upOutput;

    @BeforeAll
    static void up() throws Exception {
        Path home = Files.createTempDirectory(Path.of("target"), "shipgate-home-").toAbsolutePath();
        ENVIRONMENT.put("SHIPGATE_HOME", home.toString());
        for (String port : List.of("GATEWAY_PORT", "APPROVAL_PORT", "DEPLOY_PORT", "NOTIFICATION_PORT", "KAFKA_PORT",
                "KAFKA_CONTROLLER_PORT", "MONGO_PORT", "SMTP_PORT", "INBOX_PORT")) {
            ENVIRONMENT.put(port, Integer.toString(LocalInfra.freePort()));
        }
        upOutput = run("up", 300);
        System.out.println(upOutput);
    }

    @AfterAll
    static void down() throws Exception {
        run("down", 120);
        assertThat(run("status", 30)).doesNotContain("running");
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void up_starts_every_process_from_its_fast_start_archive_and_waits_until_healthy() throws Exception {
        assertThat(upOutput).contains("Shipgate is up and healthy in");
        assertThat(run("status", 30).lines().filter(line -> line.endsWith(")") && line.contains(": running")))
                .hasSize(7);
        for (String service : List.of("approval-service", "deploy-service", "notification-service", "gateway")) {
            Path pidFile = Path.of(ENVIRONMENT.get("SHIPGATE_HOME"), "run", service + ".pid");
            String pid = Files.readString(pidFile).trim();
            String commandLine = Files.readString(Path.of("/proc", pid, "cmdline")).replace('\0', ' ');
            assertThat(commandLine).as(service)
                    .contains("-XX:SharedArchiveFile="
                            + ROOT.resolve(service + "/target/fast-start/" + service + ".jsa"));
        }
    }

    /**
     * Issue 20: the whole local system within 1.5 GiB resident. Once ready it took 1.73 GiB with the earlier heap
     * settings and takes about 1.16 GiB now (under load about 1.4 GiB: {@code ./shipgate bench load}).
     */
    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void the_seven_processes_once_ready_stay_within_the_memory_target() throws Exception {
        long residentKiB = 0;
        for (String process : List.of("kafka", "mongo", "mail", "approval-service", "deploy-service",
                "notification-service", "gateway")) {
            String pid = Files.readString(Path.of(ENVIRONMENT.get("SHIPGATE_HOME"), "run", process + ".pid")).trim();
            residentKiB += Files.readAllLines(Path.of("/proc", pid, "status")).stream()
                    .filter(line -> line.startsWith("VmRSS:"))
                    .mapToLong(line -> Long.parseLong(line.replaceAll("[^0-9]", ""))).sum();
        }
        assertThat(residentKiB / 1024).as("resident MiB of the seven processes").isLessThanOrEqualTo(1536);
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void a_demo_user_signs_in_through_the_gateway_and_reads_the_pipelines() {
        Http gateway = new Http("http://127.0.0.1:" + ENVIRONMENT.get("GATEWAY_PORT"));
        Http.Response signIn = gateway.postWithAuthorization(null, "/api/auth/token",
                Map.of("username", "alice", "password", "shipgate-demo"));
        assertThat(signIn.status()).isEqualTo(200);

        Http.Response pipelines = gateway.getWithAuthorization("Bearer " + signIn.json().path("accessToken").asString(),
                "/api/pipelines");

        assertThat(pipelines.status()).isEqualTo(200);
        assertThat(pipelines.json().findValuesAsString("id")).contains("payments-staging");
    }

    private static String run(String command, int timeoutSeconds) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(ROOT.resolve("shipgate").toString(), command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        builder.environment().putAll(ENVIRONMENT);
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        assertThat(process.waitFor(timeoutSeconds, TimeUnit.SECONDS)).as("./shipgate " + command + " ended").isTrue();
        String text = new String(output, StandardCharsets.UTF_8);
        assertThat(process.exitValue()).as("./shipgate " + command + ":\n" + text).isZero();
        return text;
    }
}
