package dev.shipgate.system;

import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static dev.shipgate.system.ApprovalFlows.bearer;
import static dev.shipgate.system.ApprovalFlows.retry;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 21 through the gateway, as real processes: a pipeline whose rollouts another tool performs (target
 * {@code external}) is authorized through the gate API, idempotently; the "tool" (this test, then the scripts of
 * {@code integrations/} run with sh and curl) reports PROGRESSING and HEALTHY, and App Details' API shows it. The
 * default settings do, so it uses the shared system.
 */
@ExtendWith(SharedSystem.class)
class ExternalTargetIT {

    private static final Path ROOT = Path.of(System.getProperty("shipgate.root", "..")).toAbsolutePath().normalize();
    private static final String LINK = "https://argocd.example/applications/payments";
    private static Http gateway;
    private static ApprovalFlows flows;
    private static String baseUrl;

    @BeforeAll
    static void start(RunningSystem system) {
        baseUrl = system.gatewayUrl();
        gateway = new Http(baseUrl);
        flows = new ApprovalFlows(gateway, null);
    }

    private static String approvedImage(String pipeline, String tag) {
        return flows.approvedImage(pipeline, tag);
    }

    private static Http.Response gate(String pipeline, String digest, String key) {
        return flows.gate(pipeline, digest, key);
    }

    private static Http.Response report(String deploymentId, String status, String message) {
        return flows.report(deploymentId, status, message, LINK);
    }

    @Test
    void an_external_rollout_allowed_by_the_gate_and_reported_healthy_shows_in_app_details() {
        String tag = "ext-" + UUID.randomUUID().toString().substring(0, 8);
        String pipeline = flows.createPipeline(tag, Map.of("target", "external"));
        String digest = approvedImage(pipeline, tag);
        String key = "it-" + UUID.randomUUID();

        Http.Response allowed = gate(pipeline, digest, key);
        assertThat(allowed.status()).as(allowed.body()).isEqualTo(201);
        assertThat(allowed.json().path("allowed").asBoolean()).isTrue();
        String id = allowed.json().path("deploymentId").asString();
        Http.Response retried = gate(pipeline, digest, key);
        assertThat(retried.status()).as(retried.body()).isEqualTo(201);
        assertThat(retried.json().path("deploymentId").asString()).as("the same call's answer").isEqualTo(id);
        Http.Response anotherCall = gate(pipeline, digest, "it-" + UUID.randomUUID());
        assertThat(anotherCall.status()).as(anotherCall.body()).isEqualTo(409);
        assertThat(anotherCall.reason()).as("one approval, consumed once").isEqualTo("APPROVAL_ALREADY_USED");

        assertThat(report(id, "PROGRESSING", "sync started").status()).isEqualTo(200);
        assertThat(report(id, "HEALTHY", "all pods ready").status()).isEqualTo(200);
        Http.Response late = report(id, "FAILED", "too late");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.reason()).isEqualTo("DEPLOYMENT_FINISHED");

        // what App Details reads: the pipeline's live deployment and the deployment with its timeline
        Http.Response live = gateway.getWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline + "/active");
        JsonNode active = live.json();
        assertThat(active.path("id").asString()).as(live.status() + " " + live.body()).isEqualTo(id);
        assertThat(active.path("status").asString()).isEqualTo("HEALTHY");
        JsonNode timeline = gateway.getWithAuthorization(bearer("alice"), "/api/deployments/" + id).json()
                .path("timeline");
        assertThat(java.util.stream.StreamSupport.stream(timeline.spliterator(), false)
                .map(step -> step.path("status").asString()))
                .containsExactly("REQUESTED", "AUTHORIZED", "PROGRESSING", "HEALTHY");
        assertThat(timeline.get(2).path("detail").asString()).isEqualTo("sync started (reported by alice via session)");
        assertThat(timeline.get(3).path("link").asString()).isEqualTo(LINK);
    }

    @Test
    void the_integration_scripts_gate_and_report_with_an_api_token() throws Exception {
        String tag = "int-" + UUID.randomUUID().toString().substring(0, 8);
        String pipeline = flows.createPipeline(tag, Map.of("target", "external"));
        String token = retry(() -> gateway.postWithAuthorization(bearer("alice"), "/api/access/tokens",
                Map.of("name", "integrations " + tag, "lifetimeDays", 1)), 201).json().path("accessToken").asString();
        Map<String, String> env = new HashMap<>(Map.of("SHIPGATE_URL", baseUrl, "SHIPGATE_TOKEN", token,
                "SHIPGATE_PIPELINE", pipeline, "SHIPGATE_WAIT", "PT30S", "SHIPGATE_TIMEOUT_SECONDS", "60"));

        // Argo CD: the PreSync hook (run twice, as a retried pod of the same Job), then the PostSync hook
        env.putAll(Map.of("SHIPGATE_IMAGE_DIGEST", approvedImage(pipeline, tag + "-argo"),
                "SHIPGATE_IDEMPOTENCY_KEY", "shipgate-gate-x7k2p", "SHIPGATE_LINK", LINK));
        Run preSync = run(env, "integrations/argocd/argocd-presync.sh");
        Run preSyncAgain = run(env, "integrations/argocd/argocd-presync.sh");
        assertThat(preSync.stderr()).contains("POST /api/pipelines/" + pipeline + "/gate?wait=PT30S -> 201",
                "-> 200", "is PROGRESSING");
        assertThat(preSyncAgain.stderr()).as("the same answer again").contains("allowed: deployment " + id(preSync));
        Run postSync = run(env, "integrations/shipgate-gate.sh", "report", "HEALTHY", "Argo CD sync succeeded");
        assertThat(postSync.stderr()).contains("GET /api/pipelines/" + pipeline + "/deployments?size=1&q=",
                "POST /api/deployments/" + id(preSync) + "/status -> 200", "is HEALTHY");
        assertThat(timelineOf(id(preSync))).contains("Argo CD sync succeeded (reported by alice via API token");

        // GitHub Actions: the composite action's step, gate then report
        Path output = Files.createTempFile("github-output", "");
        env.putAll(Map.of("SHIPGATE_IMAGE_DIGEST", approvedImage(pipeline, tag + "-gha"), "SHIPGATE_IDEMPOTENCY_KEY",
                "org/repo/123/deploy", "GITHUB_OUTPUT", output.toString(), "COMMAND", "gate"));
        run(env, "integrations/github-actions/shipgate-gate/step.sh");
        String ghaId = Files.readString(output).trim().replace("deployment-id=", "");
        env.putAll(Map.of("COMMAND", "report", "SHIPGATE_DEPLOYMENT_ID", ghaId, "STATUS", "HEALTHY",
                "MESSAGE", "deployed by \"deploy\" job", "LINK", LINK));
        run(env, "integrations/github-actions/shipgate-gate/step.sh");
        assertThat(statusOf(ghaId)).isEqualTo("HEALTHY");
        env.remove("SHIPGATE_DEPLOYMENT_ID");

        // Jenkins / Tekton: gate, the rollout command, its outcome; an unapproved image never reaches the command
        env.putAll(Map.of("SHIPGATE_IMAGE_DIGEST", approvedImage(pipeline, tag + "-jenkins"),
                "SHIPGATE_IDEMPOTENCY_KEY", "payments-deploy/42"));
        Run jenkins = run(env, "integrations/jenkins-tekton/shipgate-step.sh", "sh", "-c", "exit 0");
        assertThat(jenkins.stderr()).contains("is PROGRESSING", "is HEALTHY");
        env.putAll(Map.of("SHIPGATE_IMAGE_DIGEST", flows.reportImage(tag + "-unapproved"),
                "SHIPGATE_IDEMPOTENCY_KEY", "payments-deploy/43"));
        Path touched = ROOT.resolve("system-tests/target/" + tag + "-rolled-out");
        Run refused = runExpecting(3, env, "integrations/jenkins-tekton/shipgate-step.sh", "touch",
                touched.toString());
        assertThat(refused.stderr()).contains("refused: NO_APPROVAL");
        assertThat(touched).doesNotExist();
    }

    private record Run(String stdout, String stderr) {
    }

    private static String id(Run run) {
        return run.stderr().replaceAll("(?s).*allowed: deployment (\\S+).*", "$1");
    }

    private static String statusOf(String deploymentId) {
        return gateway.getWithAuthorization(bearer("alice"), "/api/deployments/" + deploymentId).json()
                .path("status").asString();
    }

    private static String timelineOf(String deploymentId) {
        return gateway.getWithAuthorization(bearer("alice"), "/api/deployments/" + deploymentId).json()
                .path("timeline").toString();
    }

    private static Run run(Map<String, String> env, String... command) throws IOException, InterruptedException {
        return runExpecting(0, env, command);
    }

    /** Runs a script of the repository with POSIX sh (dash here), as a CD tool's container would. */
    private static Run runExpecting(int exitCode, Map<String, String> env, String... command)
            throws IOException, InterruptedException {
        String[] line = new String[command.length + 1];
        line[0] = "sh";
        System.arraycopy(command, 0, line, 1, command.length);
        Path out = Files.createTempFile("script-out", "");
        Path err = Files.createTempFile("script-err", "");
        ProcessBuilder builder = new ProcessBuilder(line).directory(ROOT.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().putAll(env);
        Process process = builder.start();
        assertThat(process.waitFor(120, TimeUnit.SECONDS)).as("%s finished", command[0]).isTrue();
        Run run = new Run(Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        assertThat(process.exitValue()).as("%s: %s", command[0], run.stderr()).isEqualTo(exitCode);
        assertThat(run.stderr()).as("the token never shows").doesNotContain(env.get("SHIPGATE_TOKEN"));
        return run;
    }
}
