package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.deploy.admission.domain.AdmissionDecision;
import dev.shipgate.deploy.admission.domain.AdmissionSubject;
import dev.shipgate.deploy.admission.domain.ContainerImage;
import dev.shipgate.deploy.shared.domain.DeployRefusal;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes' {@code admission.k8s.io/v1} AdmissionReview, read and answered. Where the pod spec is, by the kind of
 * the object: a Pod's {@code spec} (also for the {@code pods/ephemeralcontainers} subresource, whose object is the
 * Pod), the {@code spec.template.spec} of a Deployment, StatefulSet, DaemonSet, ReplicaSet, ReplicationController or
 * Job, a CronJob's {@code spec.jobTemplate.spec.template.spec}; the top level of the old EphemeralContainers kind.
 */
final class AdmissionReviews {

    static final String API_VERSION = "admission.k8s.io/v1";
    static final List<String> CONTAINER_LISTS = List.of("containers", "initContainers", "ephemeralContainers");
    private static final List<String> TEMPLATED = List.of("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet",
            "ReplicationController", "Job");

    /** A review's request: its uid (echoed in the answer), and what to decide (empty: nothing to check). */
    record Request(String uid, Optional<AdmissionSubject> subject) {
    }

    private AdmissionReviews() {
    }

    static Request read(JsonNode review) {
        if (!API_VERSION.equals(review.path("apiVersion").asString("")) ||
                !"AdmissionReview".equals(review.path("kind").asString(""))) {
            throw invalid("apiVersion", "not an " + API_VERSION + " AdmissionReview");
        }
        JsonNode request = review.path("request");
        String uid = request.path("uid").asString("");
        if (uid.isEmpty()) {
            throw invalid("request.uid", "the review's request has no uid");
        }
        String operation = request.path("operation").asString("");
        JsonNode object = request.path("object");
        if (!(operation.equals("CREATE") || operation.equals("UPDATE")) || !object.isObject()) {
            return new Request(uid, Optional.empty());
        }
        String kind = request.path("kind").path("kind").asString(object.path("kind").asString(""));
        return podSpec(kind, object).map(spec -> new Request(uid, Optional.of(new AdmissionSubject(
                        request.path("namespace").asString(object.path("metadata").path("namespace").asString("")),
                        kind, request.path("name").asString(object.path("metadata").path("name").asString("")),
                        images(spec)))))
                .orElseGet(() -> new Request(uid, Optional.empty()));
    }

    private static Optional<JsonNode> podSpec(String kind, JsonNode object) {
        if (kind.equals("Pod")) {
            return Optional.of(object.path("spec"));
        }
        if (kind.equals("EphemeralContainers")) {
            return Optional.of(object);
        }
        if (TEMPLATED.contains(kind)) {
            return Optional.of(object.path("spec").path("template").path("spec"));
        }
        if (kind.equals("CronJob")) {
            return Optional.of(object.path("spec").path("jobTemplate").path("spec").path("template").path("spec"));
        }
        return Optional.empty();
    }

    private static List<ContainerImage> images(JsonNode spec) {
        List<ContainerImage> images = new ArrayList<>();
        for (String list : CONTAINER_LISTS) {
            for (JsonNode container : spec.path(list)) {
                images.add(new ContainerImage(list, container.path("name").asString(""),
                        container.path("image").asString("")));
            }
        }
        return images;
    }

    /** The AdmissionReview answer: the request's uid, allowed, and a status (code, message) or warnings. */
    static Map<String, Object> answer(String uid, AdmissionDecision decision) {
        Map<String, Object> response = new LinkedHashMap<>();
        response.put("uid", uid);
        response.put("allowed", decision.allowed());
        if (!decision.allowed()) {
            response.put("status", Map.of("code", 403, "reason", "Forbidden", "message", decision.message()));
        }
        if (!decision.warnings().isEmpty()) {
            response.put("warnings", decision.warnings());
        }
        return Map.of("apiVersion", API_VERSION, "kind", "AdmissionReview", "response", response);
    }

    private static RefusedException invalid(String field, String words) {
        return DeployRefusal.INVALID_ADMISSION_REVIEW.because(words).with("field", field).exception();
    }
}
