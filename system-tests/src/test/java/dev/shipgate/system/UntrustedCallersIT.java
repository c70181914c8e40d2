package dev.shipgate.system;

import dev.shipgate.contracts.EventType;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.Topics;
import dev.shipgate.runtime.KafkaAccess;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TestTokens;
import dev.shipgate.testing.TopicWatcher;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What untrusted callers can do to a running system. Every endpoint of every service (from their OpenAPI documents,
 * so a new endpoint is covered without being listed) is called as every kind of caller: no token and bad tokens, a
 * stranger, a user whose roles are on another application
 * (out of scope), a viewer, and the in-scope roles. Default deny: only in-scope roles may change anything, apart from
 * a few self-service operations named below; nobody ever gets a 5xx. The matrix is written to
 * target/authorization-matrix.txt. Then a few thousand hostile requests (malformed, oversized, wrongly typed, unknown
 * fields, huge strings, path traversal, injection) and hostile messages on every topic: only 4xx problems and
 * dead-lettered messages, every consumer still working after. Last, no secret appears in any log line.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class) // the matrix and the fuzzing change things as a super admin
@ExtendWith(SharedSystem.class)
@org.junit.jupiter.api.Order(SharedSystem.DESTRUCTIVE) // so they run on the shared system after every other class
class UntrustedCallersIT {

    /** What anyone with access to Shipgate may do for themselves, wherever their roles are. */
    static final Set<String> OWN_TOKENS = Set.of("POST /api/access/tokens", "DELETE /api/access/tokens/{id}");
    /** The user and group directory, which a manager anywhere sees to grant roles (by design). */
    static final Set<String> DIRECTORY = Set.of("GET /api/access/users", "GET /api/access/groups");
    /**
     * What a viewer of a pipeline may do for themselves on it, and their own notification preferences, chat channel
     * and deputy (the matrix's {@code {userId}} is erin, the viewer).
     */
    static final Set<String> SELF_SERVICE = Set.of("POST /api/access/tokens", "DELETE /api/access/tokens/{id}",
            "PUT /api/notifications/subscriptions/{pipelineId}", "DELETE /api/notifications/subscriptions/{pipelineId}",
            "POST /api/notifications/approval-links/redeem", "PUT /api/notifications/preferences/{userId}",
            "PUT /api/access/users/{userId}/deputy", "DELETE /api/access/users/{userId}/deputy",
            "PUT /api/notifications/preferences/{userId}/chat", "DELETE /api/notifications/preferences/{userId}/chat");

    private static RunningSystem system;
    private static Http gateway;
    private static ApiOperations operations;
    private static final Map<String, String> ids = new LinkedHashMap<>();

    @BeforeAll
    static void start(RunningSystem shared) {
        system = shared;
        gateway = new Http(system.gatewayUrl());
        operations = ApiOperations.read(gateway, bearer("dave"));
        realTargets();
    }

    /** Real ids for path parameters and bodies, so a refusal is a refusal and not "no such thing". */
    private static void realTargets() {
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        ids.put("digest", digest);
        assertThat(gateway.postWithAuthorization(bearer("ci-bot"), "/api/images", Map.of("digest", digest,
                "repository", "registry.local/payments", "tag", "1.0.0", "application", "payments")).status())
                .isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> gateway.getWithAuthorization(bearer("alice"),
                "/api/pipelines/payments-staging/images").body().contains(digest));
        ids.put("request", gateway.postWithAuthorization(bearer("alice"), "/api/approval-requests", Map.of(
                "pipelineId", "payments-staging", "imageDigest", digest)).json().path("id").asString());
        ids.put("deployment", gateway.postWithAuthorization(bearer("alice"), "/api/pipelines/payments-dev/deployments",
                Map.of("imageDigest", digest)).json().path("id").asString());
        ids.put("token", gateway.postWithAuthorization(bearer("alice"), "/api/access/tokens", Map.of("name", "ci"))
                .json().path("token").path("id").asString());
        assertThat(gateway.putWithAuthorization(bearer("dave"), "/api/access/users/oscar", Map.of("email",
                "oscar@example.com", "displayName", "Oscar", "active", true, "groups", List.of(), "roles", List.of(
                        Map.of("role", "MANAGER", "project", "shop", "application", "billing", "environment", "*"))))
                .status()).isEqualTo(200);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> gateway.getWithAuthorization(bearer("oscar"),
                "/api/access/me").status() == 200);
    }

    static String pathValue(ApiOperations.Operation operation, String name) {
        String path = operation.path();
        if (path.startsWith("/api/approval-requests/")) {
            return ids.get("request");
        }
        if (path.startsWith("/api/deployments/")) {
            return ids.get("deployment");
        }
        if (path.startsWith("/api/access/tokens/")) {
            return ids.get("token");
        }
        return switch (name) {
            case "pipelineId" -> "payments-staging";
            case "id" -> "payments-staging"; // /api/pipelines/{id}
            case "userId" -> "erin";
            case "name" -> "release-managers";
            case "topic" -> "shipgate.images.v1.dlt";
            default -> "0";
        };
    }

    /** The operation's example body, with real values where a property names something that exists. */
    static String body(ApiOperations.Operation operation) {
        if (!operation.hasBody()) {
            return null;
        }
        JsonNode body = operation.exampleBody();
        if (body instanceof ObjectNode object) {
            Map<String, Object> real = Map.ofEntries(Map.entry("digest", ids.get("digest")),
                    Map.entry("imageDigest", ids.get("digest")), Map.entry("pipelineId", "payments-staging"),
                    Map.entry("deploymentId", ids.get("deployment")), Map.entry("project", "shop"),
                    Map.entry("application", "payments"), Map.entry("environment", "staging"),
                    Map.entry("target", "simulated"), Map.entry("strategy", "ROLLING"), Map.entry("host", "localhost"),
                    Map.entry("tag", "1.0.0"));
            real.forEach((name, value) -> {
                if (object.has(name)) {
                    object.put(name, value.toString());
                }
            });
            if (object.has("approvers")) {
                object.putArray("approvers").add("bob");
            }
        }
        return body.toString();
    }

    static String bearer(String user) {
        return "Bearer " + TestTokens.forUser(user);
    }

    record Call(ApiOperations.Operation operation, String caller, int status, String contentType, String body) {
    }

    private static Call call(ApiOperations.Operation operation, String caller, String authorization) {
        Http.Response response = gateway.request(operation.method(), operation.path(name -> pathValue(operation,
                name)), authorization, operation.hasBody() ? "application/json" : null, body(operation));
        return new Call(operation, caller, response.status(), response.contentType(), response.body());
    }

    @Test
    @Order(3)
    void every_endpoint_refuses_every_caller_it_should_and_never_fails() throws IOException {
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("no token", null);
        callers.put("expired", "Bearer " + TestTokens.expired("dave"));
        callers.put("forged", "Bearer " + TestTokens.signedWithOtherSecret("dave"));
        callers.put("other issuer", "Bearer " + TestTokens.fromOtherIssuer("dave"));
        callers.put("not a jwt", "Bearer a.b.c");
        callers.put("stranger", bearer("stranger"));
        callers.put("oscar (out of scope)", bearer("oscar"));
        callers.put("erin (viewer)", bearer("erin"));
        callers.put("alice (deployer)", bearer("alice"));
        callers.put("bob (approver)", bearer("bob"));
        callers.put("mona (manager)", bearer("mona"));
        callers.put("dave (super admin)", bearer("dave")); // last: as a super admin, writes change things

        List<Call> calls = new ArrayList<>();
        List<String> violations = new ArrayList<>();
        for (Map.Entry<String, String> caller : callers.entrySet()) {
            for (ApiOperations.Operation operation : operations.all()) {
                Call call = call(operation, caller.getKey(), caller.getValue());
                calls.add(call);
                String violation = violation(call);
                if (violation != null) {
                    violations.add(operation + " as " + caller.getKey() + " -> " + call.status() + ": " + violation
                            + " " + call.body().substring(0, Math.min(200, call.body().length())));
                }
            }
        }
        write(calls, callers.keySet());
        violations.forEach(System.out::println);
        System.out.println("authorization matrix: " + operations.all().size() + " operations x " + callers.size()
                + " callers = " + calls.size() + " calls");
        assertThat(operations.all().size()).as("operations found in the OpenAPI documents").isGreaterThan(30);
        assertThat(violations).isEmpty();
    }

    /** Text that has broken services somewhere: traversal, injection, markup, control and odd characters. */
    static final List<String> HOSTILE_TEXT = List.of("../../../../etc/passwd", "..\\..\\windows\\win.ini",
            "'; DROP TABLE users; --", "{\"$ne\": null}", "$where", "<script>alert(1)</script>", "${jndi:ldap://x/a}",
            "%00", "\u0000nul", "\u202Eevil", "\uD83D\uDE80", "a".repeat(100_000), "", " ", "null", "-1",
            "9999999999999999999999", "sha256:' OR '1'='1", "\r\nX-Injected: 1", "%2e%2e%2f%2e%2e%2f");

    @Test
    @Order(4)
    void thousands_of_hostile_requests_get_problems_and_never_a_server_error() {
        List<String> violations = new ArrayList<>();
        int[] sent = {0};
        java.util.function.BiConsumer<ApiOperations.Operation, Http.Response> check = (operation, response) -> {
            sent[0]++;
            if (response.status() >= 500 || (response.status() >= 400
                    && !response.contentType().startsWith("application/problem+json"))) {
                violations.add(operation + " -> " + response.status() + " " + response.contentType() + " "
                        + response.body().substring(0, Math.min(200, response.body().length())));
            }
        };
        java.util.Random random = new java.util.Random(7);
        for (int round = 0; round < 2; round++) { // about 2,500 requests; each round draws new hostile values
            for (String caller : List.of("dave", "alice")) {
                for (ApiOperations.Operation operation : operations.all()) {
                    for (String[] variant : hostileVariants(operation, random)) {
                        check.accept(operation, gateway.request(operation.method(), variant[0], bearer(caller),
                                variant[1], variant[2]));
                    }
                }
            }
        }
        System.out.println("fuzzing: " + sent[0] + " hostile requests, " + violations.size() + " answered badly");
        violations.stream().limit(200).forEach(System.out::println);
        assertThat(sent[0]).isGreaterThan(2000);
        assertThat(violations).isEmpty();
    }

    /** {path, content type, body} triples: the real call with one thing made hostile each time. */
    private static List<String[]> hostileVariants(ApiOperations.Operation operation, java.util.Random random) {
        List<String[]> variants = new ArrayList<>();
        String path = operation.path(name -> pathValue(operation, name));
        String json = "application/json";
        for (String name : operation.pathParameters()) {
            String hostile = HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size()));
            String encoded = java.net.URLEncoder.encode(hostile.isEmpty() ? "%" : hostile,
                    java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
            variants.add(new String[] {operation.path(n -> n.equals(name) ? encoded : pathValue(operation, n)),
                    json, body(operation)});
        }
        String query = "?page=" + (random.nextBoolean() ? "-1" : "abc") + "&size=" + (random.nextBoolean()
                ? "1000000" : "0") + "&status=NOPE&tag=%3Cscript%3E&recipient=%27%3B--&application=%00";
        variants.add(new String[] {path + query, json, body(operation)});
        if (!operation.hasBody()) {
            variants.add(new String[] {path, json, "{\"unexpected\": true}"});
            return variants;
        }
        String valid = body(operation);
        variants.add(new String[] {path, json, valid.substring(0, valid.length() / 2)});
        variants.add(new String[] {path, json, "[" + valid + "]"});
        variants.add(new String[] {path, json, ""});
        variants.add(new String[] {path, "text/plain", valid});
        if (random.nextInt(4) == 0) { // an oversized body now and then: they are slow to send
            variants.add(new String[] {path, json, "{\"x\":\"" + "y".repeat(3_000_000) + "\"}"});
        }
        variants.add(new String[] {path, json, "{\"unknownField\":{\"$gt\":\"\"}," + valid.substring(1)});
        variants.add(new String[] {path, json, nested(2000)});
        for (String property : operation.stringProperties()) {
            ObjectNode wrongType = (ObjectNode) readJson(valid);
            wrongType.putObject(property).put("$ne", 1);
            variants.add(new String[] {path, json, wrongType.toString()});
            ObjectNode hostile = (ObjectNode) readJson(valid);
            hostile.put(property, HOSTILE_TEXT.get(random.nextInt(HOSTILE_TEXT.size())));
            variants.add(new String[] {path, json, hostile.toString()});
            ObjectNode nulled = (ObjectNode) readJson(valid);
            nulled.putNull(property);
            variants.add(new String[] {path, json, nulled.toString()});
        }
        ObjectNode numbersAsText = (ObjectNode) readJson(valid);
        numbersAsText.properties().forEach(property -> {
            if (property.getValue().isNumber() || property.getValue().isBoolean() || property.getValue().isArray()) {
                numbersAsText.put(property.getKey(), "not a " + property.getValue().getNodeType());
            }
        });
        variants.add(new String[] {path, json, numbersAsText.toString()});
        return variants;
    }

    private static String nested(int depth) {
        return "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private static JsonNode readJson(String text) {
        return tools.jackson.databind.json.JsonMapper.builder().build().readTree(text);
    }

    /** Every topic some service consumes. */
    static final List<String> CONSUMED = List.of(Topics.IMAGES, Topics.APPROVALS, Topics.DEPLOYMENTS,
            Topics.DEPLOY_DECISIONS, Topics.PIPELINES, Topics.ACCESS, Topics.TOKEN_REVOCATIONS);

    @Test
    @Order(1)
    void hostile_messages_on_every_topic_are_parked_and_every_consumer_goes_on() {
        List<String> deadLetterTopics = CONSUMED.stream().map(Topics::deadLetterOf).toList();
        try (TopicWatcher topics = new TopicWatcher(system.infra, deadLetterTopics)) {
            Map<String, List<String>> sentKeys = new LinkedHashMap<>();
            for (String topic : CONSUMED) {
                String type = java.util.Arrays.stream(EventType.values()).filter(t -> t.topic().equals(topic))
                        .findFirst().orElseThrow().typeName();
                List<String> keys = new ArrayList<>();
                for (byte[] body : List.of(bytes("{not json"), bytes("]["), bytes("{\"digest\":{\"$ne\":1}}"),
                        bytes("\"" + "z".repeat(900_000) + "\""), bytes("{}"))) {
                    for (String ceType : new String[] {null, "Nope", type}) {
                        String key = "hostile-" + UUID.randomUUID();
                        var record = new org.apache.kafka.clients.producer.ProducerRecord<>(topic, key, body);
                        if (ceType != null) {
                            record.headers().add(KafkaEventCodec.H_TYPE, bytes(ceType));
                            record.headers().add(KafkaEventCodec.H_ID, bytes(key));
                            record.headers().add(KafkaEventCodec.H_SOURCE, bytes("/fuzz"));
                            record.headers().add(KafkaEventCodec.H_SPEC_VERSION, bytes("1.0"));
                            record.headers().add(KafkaEventCodec.H_TIME, bytes("yesterday"));
                        }
                        topics.send(record);
                        keys.add(key);
                    }
                }
                sentKeys.put(topic, keys);
            }
            sentKeys.forEach((topic, keys) -> Awaitility.await().atMost(Duration.ofSeconds(90)).untilAsserted(() ->
                    assertThat(topics.records(Topics.deadLetterOf(topic)).stream().map(r -> r.key()).toList())
                            .as("parked from " + topic).containsAll(keys)));
            System.out.println("hostile messages: " + sentKeys.values().stream().mapToInt(List::size).sum()
                    + " on " + CONSUMED.size() + " topics, all dead-lettered");
        }
        everyConsumerStillWorks();
    }

    /** One real flow through every consumer: pipelines, images, approvals, decisions, deployments, access, tokens. */
    private static void everyConsumerStillWorks() {
        String environment = "canary" + UUID.randomUUID().toString().substring(0, 6);
        Http.Response created = gateway.postWithAuthorization(bearer("dave"), "/api/pipelines", Map.of("project",
                "shop", "application", "payments", "environment", environment, "target", "simulated",
                "requiredApprovals", 1, "approverRules", List.of(), "approvalLifetimeSeconds", 3600,
                "approverMayDeploy", false, "trigger", "MANUAL"));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String pipeline = created.json().path("id").asString();
        String digest = "sha256:" + UUID.randomUUID().toString().replace("-", "");
        assertThat(gateway.postWithAuthorization(bearer("ci-bot"), "/api/images", Map.of("digest", digest,
                "repository", "registry.local/payments", "tag", "7.7.7", "application", "payments")).status())
                .isEqualTo(201);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> gateway.getWithAuthorization(bearer("alice"),
                "/api/pipelines/" + pipeline + "/images").body().contains(digest));
        Http.Response requested = gateway.postWithAuthorization(bearer("alice"), "/api/approval-requests", Map.of(
                "pipelineId", pipeline, "imageDigest", digest, "approvers", List.of("dave")));
        assertThat(requested.status()).as(requested.body()).isEqualTo(201);
        String request = requested.json().path("id").asString();
        Http.Response approved = gateway.postWithAuthorization(bearer("dave"), "/api/approval-requests/" + request
                + "/approve", null);
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        String deployment = gateway.postWithAuthorization(bearer("alice"), "/api/pipelines/" + pipeline
                + "/deployments", Map.of("imageDigest", digest)).json().path("id").asString();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> gateway.getWithAuthorization(bearer("alice"),
                "/api/deployments/" + deployment).json().path("status").asString().equals("HEALTHY"));
        Http inbox = new Http(system.infra.inboxUrl());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> inbox.get(null, "/api/messages").body()
                .contains("Approval requested: payments 7.7.7 to " + environment));

        Http.Response token = gateway.postWithAuthorization(bearer("erin"), "/api/access/tokens", Map.of("name",
                "canary"));
        String apiToken = "Bearer " + token.json().path("accessToken").asString();
        assertThat(gateway.getWithAuthorization(apiToken, "/api/pipelines").status()).isEqualTo(200);
        gateway.deleteWithAuthorization(bearer("erin"), "/api/access/tokens/" + token.json().path("token")
                .path("id").asString());
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> gateway.getWithAuthorization(apiToken,
                "/api/pipelines").status() == 401);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    @Order(2)
    void no_secret_ever_reaches_a_log_line() throws IOException {
        String smtpPassword = "smtp-Pa55-" + UUID.randomUUID();
        assertThat(gateway.putWithAuthorization(bearer("dave"), "/api/notifications/settings/smtp", Map.of("host",
                "127.0.0.1", "port", system.infra.smtpPort(), "username", "shipgate", "password", smtpPassword,
                "startTls", false, "from", "shipgate@example.com")).status()).isEqualTo(200);
        Http.Response signIn = gateway.post(null, "/api/auth/token", Map.of("username", "carol", "password",
                "shipgate-demo"));
        String apiToken = gateway.postWithAuthorization(bearer("carol"), "/api/access/tokens", Map.of("name",
                "log check")).json().path("accessToken").asString();
        gateway.getWithAuthorization("Bearer " + apiToken, "/api/access/me");
        gateway.getWithAuthorization("Bearer " + apiToken.substring(0, apiToken.length() - 2) + "xx", "/api/pipelines");

        List<String> secrets = new ArrayList<>(List.of(TestTokens.SECRET, smtpPassword, "shipgate-demo",
                signIn.json().path("accessToken").asString(), apiToken));
        secrets.add(system.infra.kafkaPassword(KafkaAccess.ADMIN));
        KafkaAccess.CLIENTS.forEach(principal -> secrets.add(system.infra.kafkaPassword(principal)));
        Map<String, java.nio.file.Path> logs = new LinkedHashMap<>();
        RunningSystem.ALL_SERVICES.forEach(service -> logs.put(service, system.services.get(service).logFile()));
        logs.put("kafka", system.infra.kafka().logFile());
        for (String service : logs.keySet()) {
            String log = Files.readString(logs.get(service));
            assertThat(log).as(service + " log").isNotBlank();
            for (String secret : secrets) {
                assertThat(log.contains(secret)).as(service + " logs a secret (" + secret.substring(0, 4) + "…)")
                        .isFalse();
            }
        }
    }

    private static String violation(Call call) {
        String key = call.operation().method() + " " + call.operation().path();
        boolean ok = call.status() >= 200 && call.status() < 300;
        if (call.status() >= 500) {
            return "a server error";
        }
        if (call.status() >= 400 && !call.contentType().startsWith("application/problem+json")) {
            return "a refusal that is not a problem document";
        }
        switch (call.caller()) {
            case "no token", "expired", "forged", "other issuer", "not a jwt" -> {
                return call.status() == 401 ? null : "let in without a valid token";
            }
            case "stranger", "oscar (out of scope)" -> {
                if (ok && call.operation().writes()
                        && !(call.caller().startsWith("oscar") && OWN_TOKENS.contains(key))) {
                    return "a change by someone without access here";
                }
                if (ok && call.body().contains("payments") && !DIRECTORY.contains(key)) {
                    return "shows payments to someone without access to it";
                }
                return null;
            }
            case "erin (viewer)" -> {
                return ok && call.operation().writes() && !SELF_SERVICE.contains(key) ? "a change by a viewer" : null;
            }
            default -> {
                return null;
            }
        }
    }

    private static void write(List<Call> calls, Set<String> callers) throws IOException {
        StringBuilder table = new StringBuilder("operation");
        callers.forEach(caller -> table.append(" | ").append(caller));
        table.append('\n');
        for (ApiOperations.Operation operation : operations.all()) {
            table.append(operation);
            for (String caller : callers) {
                calls.stream().filter(c -> c.operation() == operation && c.caller().equals(caller)).findFirst()
                        .ifPresent(c -> table.append(" | ").append(c.status()));
            }
            table.append('\n');
        }
        Files.writeString(Path.of("target", "authorization-matrix.txt"), table);
    }
}
