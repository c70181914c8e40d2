package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.deploy.admission.application.AdmissionService;
import dev.shipgate.deploy.admission.application.AuthorizedImages;
import dev.shipgate.deploy.admission.domain.AdmissionDecision;
import dev.shipgate.deploy.admission.domain.AdmissionPolicy;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * AdmissionReview documents in the shapes the API server sends (src/test/resources/admission: Pod create from a
 * ReplicaSet, Deployment update by kubectl, an ephemeral container through {@code kubectl debug}, an init container,
 * an image by tag, a pod with one bad image of three, a CronJob, a delete) read and answered: the answer's uid,
 * allowed, status message and warnings. Namespace shop-prod maps to pipeline payments-prod, which authorized the
 * digests 111... (payments) and 222... (envoy).
 */
class AdmissionReviewsTest {

    private static final String OK = "sha256:" + "1".repeat(64);
    private static final String SIDECAR = "sha256:" + "2".repeat(64);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final ExecutorService readers = Executors.newCachedThreadPool();
    private final AuthorizedImages authorized = pipeline -> pipeline.equals("payments-prod") ? Set.of(OK, SIDECAR)
            : Set.of();

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    private AdmissionService service(boolean audit, List<String> exemptImages) {
        return new AdmissionService(Set.of("kube-apiserver"), new AdmissionPolicy(Set.of("kube-system"),
                exemptImages, false, false),
                List.of(new ConfiguredNamespaces(Map.of("shop-prod", "payments-prod"),
                        audit ? Set.of("shop-prod") : Set.of())),
                authorized, (subject, decision, nanos) -> { }, readers, Duration.ofSeconds(2), Duration.ofSeconds(5),
                Clock.systemUTC());
    }

    private JsonNode answer(String document, AdmissionService service) {
        AdmissionReviews.Request request = AdmissionReviews.read(load(document));
        AdmissionDecision decision = request.subject().map(service::decide).orElse(AdmissionDecision.NOT_APPLICABLE);
        JsonNode answer = JSON.valueToTree(AdmissionReviews.answer(request.uid(), decision));
        assertThat(answer.path("apiVersion").asString()).isEqualTo("admission.k8s.io/v1");
        assertThat(answer.path("kind").asString()).isEqualTo("AdmissionReview");
        assertThat(answer.path("response").path("uid").asString())
                .isEqualTo(load(document).path("request").path("uid").asString());
        return answer.path("response");
    }

    private JsonNode answer(String document) {
        return answer(document, service(false, List.of()));
    }

    @Test
    void aPodWhoseImagesAreAllAuthorizedIsAllowedWithoutWarnings() {
        JsonNode response = answer("pod-create.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void aDeploymentUpdatedToAnUnauthorizedDigestIsRefusedWithTheContainerAndPipeline() {
        JsonNode response = answer("deployment-update.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("code").asInt()).isEqualTo(403);
        assertThat(response.path("status").path("message").asString()).isEqualTo(
                "Deployment shop-prod/payments refused by Shipgate: containers \"app\" image registry.local/payments"
                        + "@sha256:" + "9".repeat(64) + " is not authorized by Shipgate for pipeline payments-prod");
    }

    @Test
    void anEphemeralDebugContainerByTagIsRefused() {
        JsonNode response = answer("ephemeral-container.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asString()).isEqualTo(
                "Pod shop-prod/payments-6d4cf56db6-k2x9p refused by Shipgate: ephemeralContainers \"debugger-8xk2p\""
                        + " image busybox:1.36 is not pinned by digest (@sha256:)");
    }

    @Test
    void anUnauthorizedInitContainerIsRefusedThoughTheAppContainerIsAuthorized() {
        JsonNode response = answer("init-container.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asString())
                .contains("initContainers \"migrate\" image registry.local/payments@sha256:" + "9".repeat(64)
                        + " is not authorized").doesNotContain("containers \"app\"");
    }

    @Test
    void anImageByTagIsRefused() {
        JsonNode response = answer("image-by-tag.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asString()).isEqualTo("Pod shop-prod/nginx refused by "
                + "Shipgate: containers \"nginx\" image nginx:1.25 is not pinned by digest (@sha256:)");
    }

    @Test
    void oneBadImageOfThreeRefusesThePodAndIsTheOnlyOneNamed() {
        JsonNode response = answer("multi-container-one-bad.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        String message = response.path("status").path("message").asString();
        assertThat(message).contains("containers \"exporter\"").doesNotContain("\"app\"").doesNotContain("\"envoy\"");
    }

    @Test
    void aCronJobsJobTemplateIsChecked() {
        JsonNode response = answer("cronjob-create.json");
        assertThat(response.path("allowed").asBoolean()).isFalse();
        assertThat(response.path("status").path("message").asString()).isEqualTo("CronJob shop-prod/payments-report "
                + "refused by Shipgate: containers \"report\" image registry.local/payments:latest is not pinned by "
                + "digest (@sha256:)");
    }

    @Test
    void aDeleteIsNotChecked() {
        JsonNode response = answer("pod-delete.json");
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("warnings")).isFalse();
    }

    @Test
    void auditModeAllowsWhatItWouldRefuseWithOneWarningPerImage() {
        JsonNode response = answer("multi-container-one-bad.json", service(true, List.of()));
        assertThat(response.path("allowed").asBoolean()).isTrue();
        assertThat(response.has("status")).isFalse();
        assertThat(response.path("warnings")).hasSize(1);
        assertThat(response.path("warnings").get(0).asString()).startsWith("Shipgate (audit): containers \"exporter\"");
    }

    @Test
    void anExemptImagePatternIsNotChecked() {
        JsonNode response = answer("ephemeral-container.json", service(false, List.of("busybox:*")));
        assertThat(response.path("allowed").asBoolean()).isTrue();
    }

    @Test
    void aBodyThatIsNoAdmissionReviewIsRefusedWithTheField() {
        assertThatThrownBy(() -> AdmissionReviews.read(JSON.readTree("{\"apiVersion\":\"v1\",\"kind\":\"Pod\"}")))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.refusal().reason()).isEqualTo("INVALID_ADMISSION_REVIEW");
                    assertThat(e.refusal().facts()).containsEntry("field", "apiVersion");
                });
        assertThatThrownBy(() -> AdmissionReviews.read(JSON.readTree(
                "{\"apiVersion\":\"admission.k8s.io/v1\",\"kind\":\"AdmissionReview\",\"request\":{}}")))
                .isInstanceOfSatisfying(RefusedException.class,
                        e -> assertThat(e.refusal().facts()).containsEntry("field", "request.uid"));
    }

    private static JsonNode load(String name) {
        try (InputStream in = AdmissionReviewsTest.class.getResourceAsStream("/admission/" + name)) {
            return JSON.readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
