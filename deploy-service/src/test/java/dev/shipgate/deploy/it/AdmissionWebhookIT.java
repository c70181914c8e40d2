package dev.shipgate.deploy.it;

import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.domain.Deployment;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;
import dev.shipgate.runtime.LocalInfra;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
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
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

import static org.assertj.core.api.Assertions.assertThat;

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
    static final TlsFiles TLS = TlsFiles.make();

    @LocalServerPort
    int port;
    @Autowired
    Deployments deployments;

    @DynamicPropertySource
    static void infra(DynamicPropertyRegistry registry) {
        DeployServiceInfra.register(registry);
        registry.add("shipgate.admission.tls.port", () -> TLS.port);
        registry.add("shipgate.admission.tls.certificate", () -> TLS.certificate.toString());
        registry.add("shipgate.admission.tls.private-key", () -> TLS.privateKey.toString());
    }

    /** A self-signed certificate for 127.0.0.1 (keytool), written as PEM files as cert-manager writes them. */
    record TlsFiles(int port, Path certificate, Path privateKey, X509Certificate x509) {
        static TlsFiles make() {
            try {
                Path dir = Files.createTempDirectory("admission-tls");
                Path store = dir.resolve("webhook.p12");
                Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool")
                        .toString(), "-genkeypair", "-alias", "webhook", "-keyalg", "EC", "-groupname", "secp256r1",
                        "-dname", "CN=deploy-service.shipgate.svc", "-ext", "san=ip:127.0.0.1,dns:localhost",
                        "-validity", "2", "-keystore", store.toString(), "-storetype", "PKCS12",
                        "-storepass", "changeit").inheritIO().start();
                assertThat(keytool.waitFor()).isZero();
                KeyStore keys = KeyStore.getInstance("PKCS12");
                try (InputStream in = Files.newInputStream(store)) {
                    keys.load(in, "changeit".toCharArray());
                }
                X509Certificate x509 = (X509Certificate) keys.getCertificate("webhook");
                Key key = keys.getKey("webhook", "changeit".toCharArray());
                Path certificate = Files.writeString(dir.resolve("tls.crt"), pem("CERTIFICATE", x509.getEncoded()));
                Path privateKey = Files.writeString(dir.resolve("tls.key"), pem("PRIVATE KEY", key.getEncoded()));
                try (ServerSocket socket = new ServerSocket(0)) {
                    return new TlsFiles(socket.getLocalPort(), certificate, privateKey, x509);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }

        private static String pem(String type, byte[] der) {
            Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
            return "-----BEGIN " + type + "-----\n" + lines.encodeToString(der) + "\n-----END " + type + "-----\n";
        }

        HttpClient client() throws Exception {
            KeyStore trusted = KeyStore.getInstance("PKCS12");
            trusted.load(null, null);
            trusted.setCertificateEntry("webhook", x509);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(trusted);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return HttpClient.newBuilder().sslContext(context).build();
        }
    }

    @Test
    void theApiServerIsAnsweredOverTlsWithTheMountedCertificate() throws Exception {
        HttpResponse<String> response = TLS.client().send(HttpRequest.newBuilder(
                        URI.create("https://127.0.0.1:" + TLS.port + PATH))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + TestTokens.forUser("kube-apiserver"))
                .POST(HttpRequest.BodyPublishers.ofString(load("image-by-tag.json"))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).contains("\"allowed\":false").contains("is not pinned by digest");
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
