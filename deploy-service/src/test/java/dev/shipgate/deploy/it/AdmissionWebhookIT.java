package dev.shipgate.deploy.it;

import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLSocket;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The admission webhook over HTTP, deciding from deployment records in the real database: who may call it, and the
 * answers to AdmissionReview documents in Kubernetes' shapes. Namespace shop-prod maps to pipeline payments-prod
 * (by the service's settings); its deployments: 111... authorized, 222... authorized then FAILED (still authorized:
 * a break-glass deployment looks the same), 999... REJECTED, 888... only REQUESTED.
 */
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shipgate.admission.namespaces.shop-prod=payments-prod"})
class AdmissionWebhookIT {

    static final LocalInfra INFRA = SharedInfra.get();
    private static final String PATH = "/api/admission/reviews";
    static final Tls TLS = Tls.make();

    @LocalServerPort
    int port;
    @Autowired
    Deployments deployments;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        DeployServiceInfra.register(registry);
        registry.add("shipgate.admission.tls.port", () -> TLS.port);
        registry.add("shipgate.admission.tls.client-auth", () -> "need");
        registry.add("spring.ssl.bundle.pem.webhook.keystore.certificate", () -> TLS.mounted("tls.crt"));
        registry.add("spring.ssl.bundle.pem.webhook.keystore.private-key", () -> TLS.mounted("tls.key"));
        registry.add("spring.ssl.bundle.pem.webhook.truststore.certificate", () -> TLS.mounted("ca.crt"));
        registry.add("spring.ssl.bundle.pem.webhook.reload-on-update", () -> "true");
        registry.add("spring.ssl.bundle.watch.file.quiet-period", () -> "200ms");
    }

    /**
     * The webhook's TLS as in the cluster: cert-manager's serving certificate (CA {@code webhook-ca}, for
     * 127.0.0.1) mounted from a Secret, and the CA of the API server's client certificates beside it.
     */
    record Tls(int port, Path dir, AdmissionPki serverCa, AdmissionPki clientCa) {
        static Tls make() {
            try {
                AdmissionPki serverCa = AdmissionPki.newCa("webhook-ca");
                AdmissionPki clientCa = AdmissionPki.newCa("apiserver-client-ca");
                Path dir = Files.createTempDirectory("admission-tls");
                AdmissionPki.mount(dir, "v1", serverCa.issue("deploy-service-webhook.shipgate.svc", "ip:127.0.0.1"),
                        clientCa.certificate());
                try (ServerSocket socket = new ServerSocket(0)) {
                    return new Tls(socket.getLocalPort(), dir, serverCa, clientCa);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        String mounted(String file) {
            return dir.resolve(file).toString();
        }

        /** A client presenting {@code certificate} (or none). */
        HttpClient client(AdmissionPki.Issued certificate) throws Exception {
            return HttpClient.newBuilder().sslContext(AdmissionPki.clientContext(serverCa.certificate(), certificate))
                    .build();
        }

        HttpResponse<String> post(AdmissionPki.Issued certificate, String user, String document) throws Exception {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + port + PATH))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(load(document)));
            if (user != null) {
                request.header("Authorization", "Bearer " + TestTokens.forUser(user));
            }
            return client(certificate).send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        /** The certificate the port serves to a new connection. */
        X509Certificate served(AdmissionPki.Issued certificate) throws Exception {
            try (SSLSocket socket = (SSLSocket) AdmissionPki.clientContext(serverCa.certificate(), certificate)
                    .getSocketFactory().createSocket("127.0.0.1", port)) {
                socket.startHandshake();
                return (X509Certificate) socket.getSession().getPeerCertificates()[0];
            }
        }
    }

    /** A front proxy's certificate: signed by the API server's client CA, but naming no admission caller. */
    private static final AdmissionPki.Issued PROXY = TLS.clientCa().issue("front-proxy");

    @Test
    void theApiServerWithItsBearerTokenIsAnsweredOverTls() throws Exception {
        HttpResponse<String> response = TLS.post(PROXY, "kube-apiserver", "image-by-tag.json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"allowed\":false").contains("is not pinned by digest");
    }

    /** mTLS: the client certificate's CN, or one of its DNS names, naming the caller is enough, no token needed. */
    @Test
    void aClientCertificateNamingTheApiServerAuthenticatesIt() throws Exception {
        for (AdmissionPki.Issued apiServer : List.of(TLS.clientCa().issue("kube-apiserver"),
                TLS.clientCa().issue("apiserver-1", "dns:Kube-ApiServer"))) {
            HttpResponse<String> response = TLS.post(apiServer, null, "pod-create.json");
            assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
            assertThat(response.body()).contains("\"allowed\":true");
        }
        HttpResponse<String> proxy = TLS.post(PROXY, null, "pod-create.json");
        assertThat(proxy.statusCode()).as(proxy.body()).isEqualTo(403);
        assertThat(proxy.body()).contains("NOT_AN_ADMISSION_CALLER");
    }

    @Test
    void withoutATrustedClientCertificateThereIsNoConnection() {
        AdmissionPki.Issued stranger = AdmissionPki.newCa("stranger-ca").issue("kube-apiserver");
        for (AdmissionPki.Issued certificate : Arrays.asList(null, stranger)) {
            assertThatThrownBy(() -> TLS.post(certificate, "kube-apiserver", "pod-create.json"))
                    .as("client certificate %s", certificate == null ? "none" : "of another CA")
                    .isInstanceOf(IOException.class);
        }
    }

    /** The API server's certificate is for the webhook only: elsewhere it authenticates nobody. */
    @Test
    void aClientCertificateCountsOnlyForTheAdmissionEndpoint() throws Exception {
        HttpResponse<String> response = TLS.client(TLS.clientCa().issue("kube-apiserver")).send(HttpRequest
                        .newBuilder(URI.create("https://127.0.0.1:" + TLS.port + "/api/pipelines")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    }

    /**
     * cert-manager renews: the kubelet swaps the Secret's {@code ..data} link to new files. Spring Boot's bundle
     * watcher reloads them (quiet period 200 ms here) and new connections get the new certificate, no restart.
     */
    @Test
    void aRenewedCertificateIsServedWithoutARestart() throws Exception {
        AdmissionPki.Issued apiServer = TLS.clientCa().issue("kube-apiserver");
        X509Certificate before = TLS.served(apiServer);
        AdmissionPki.Issued renewed = TLS.serverCa().issue("deploy-service-webhook.shipgate.svc", "ip:127.0.0.1");

        AdmissionPki.mount(TLS.dir(), "v2", renewed, TLS.clientCa().certificate());

        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
                assertThat(TLS.served(apiServer).getSerialNumber())
                        .isEqualTo(renewed.certificate().getSerialNumber()));
        assertThat(before.getSerialNumber()).isNotEqualTo(renewed.certificate().getSerialNumber());
        HttpResponse<String> response = TLS.post(apiServer, null, "pod-create.json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    @BeforeEach
    void deploymentRecords() {
        if (deployments.find("adm-authorized").isPresent()) {
            return;
        }
        record("adm-authorized", "1", d -> d.authorize("ar-1", List.of("bob"), Instant.now()));
        record("adm-failed", "2", d -> d.authorize("ar-2", List.of("bob"), Instant.now())
                .then(a -> a.startProgressing("rolling", Instant.now()))
                .then(p -> p.finish(DeploymentStatus.FAILED, "crash loop", Instant.now())));
        record("adm-rejected", "9", d -> d.reject("NO_APPROVAL", "no approval", Instant.now()));
        record("adm-requested", "8", d -> new Deployment.Transition(d, List.of()));
    }

    private void record(String id, String hex, Function<Deployment, Deployment.Change> moves) {
        Deployment.Transition made = Deployment.request(id, new PipelineImage("payments-prod", "payments", "prod",
                "sha256:" + hex.repeat(64), "1.0." + hex), "alice", null, Instant.now())
                .then(moves).orElseThrow();
        assertThat(deployments.insert(made.deployment(), made.events())).isTrue();
    }

    private Http.Response review(String user, String document) {
        return new Http("http://127.0.0.1:" + port).postRaw(user, PATH, load(document));
    }

    @Test
    void anAnonymousCallIsRefused() {
        Http.Response response = new Http("http://127.0.0.1:" + port)
                .request("POST", PATH, null, "application/json", load("pod-create.json"));
        assertThat(response.status()).isEqualTo(401);
        assertThat(response.contentType()).startsWith("application/problem+json");
    }

    @Test
    void aSignedInUserWhoIsNotTheApiServerIsRefused() {
        Http.Response response = review("alice", "pod-create.json");
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.reason()).isEqualTo("NOT_AN_ADMISSION_CALLER");
    }

    @Test
    void aPodOfAuthorizedDigestsIsAllowedWithTheRequestsUid() {
        Http.Response response = review("kube-apiserver", "pod-create.json");
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        assertThat(response.json().path("apiVersion").asString()).isEqualTo("admission.k8s.io/v1");
        assertThat(response.json().path("response").path("uid").asString())
                .isEqualTo("3f6a4c1e-2b7d-4e8f-9a0b-1c2d3e4f5a6b");
        assertThat(response.json().path("response").path("allowed").asBoolean()).isTrue();
    }

    @Test
    void aRejectedDigestAndAMerelyRequestedOneAreRefused() {
        Http.Response rejected = review("kube-apiserver", "deployment-update.json");
        assertThat(rejected.json().path("response").path("allowed").asBoolean()).isFalse();
        assertThat(rejected.json().path("response").path("status").path("message").asString())
                .contains("is not authorized by Shipgate for pipeline payments-prod");
        Http.Response requested = review("kube-apiserver", "multi-container-one-bad.json");
        assertThat(requested.json().path("response").path("allowed").asBoolean()).isFalse();
        assertThat(requested.json().path("response").path("status").path("message").asString())
                .contains("containers \"exporter\"");
    }

    @Test
    void aBodyThatIsNoAdmissionReviewIsAProblemNamingTheField() {
        Http.Response response = new Http("http://127.0.0.1:" + port).postRaw("kube-apiserver", PATH,
                "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}");
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.reason()).isEqualTo("INVALID_ADMISSION_REVIEW");
        assertThat(response.json().path("field").asString()).isEqualTo("request.uid");
    }

    private static String load(String name) {
        try (InputStream in = AdmissionWebhookIT.class.getResourceAsStream("/admission/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
