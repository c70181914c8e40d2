package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.deploy.admission.application.AdmissionService;
import dev.shipgate.deploy.admission.domain.AdmissionDecision;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.util.Map;

/**
 * The admission webhook: Kubernetes' API server posts an {@code admission.k8s.io/v1} AdmissionReview and gets one
 * back with the request's uid, {@code allowed}, a status message when refused and warnings when audited. Only the
 * configured callers (the API server's bearer token from the webhook kubeconfig, or its client certificate when the
 * HTTPS port requires one: {@link ClientCertificateCallers}) are answered; anyone else gets 403
 * {@code NOT_AN_ADMISSION_CALLER}, no token 401, a body that is no AdmissionReview 400
 * {@code INVALID_ADMISSION_REVIEW} (problem+json with the field).
 */
@RestController
class AdmissionController {

    static final String PATH = "/api/admission/reviews";

    private final AdmissionService admission;

    AdmissionController(AdmissionService admission) {
        this.admission = admission;
    }

    @Operation(summary = "Decide a Kubernetes AdmissionReview (admission.k8s.io/v1): Pods and pod templates")
    @PostMapping(path = PATH, consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public Map<String, Object> review(Authentication caller, @RequestBody JsonNode review) {
        admission.checkCaller(caller.getName());
        AdmissionReviews.Request request = AdmissionReviews.read(review);
        AdmissionDecision decision = request.subject().map(admission::decide).orElse(AdmissionDecision.NOT_APPLICABLE);
        return AdmissionReviews.answer(request.uid(), decision);
    }
}
