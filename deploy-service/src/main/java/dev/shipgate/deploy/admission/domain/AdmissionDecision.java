package dev.shipgate.deploy.admission.domain;

import java.util.List;

/**
 * The answer to one admission review: allowed or not, the message Kubernetes shows a refused client, and the
 * warnings it shows an allowed one (audit mode, fail-open).
 */
public record AdmissionDecision(Outcome outcome, String message, List<String> warnings) {

    /** Why: the first three allow silently, AUDITED and FAILED_OPEN allow with warnings, the last two deny. */
    public enum Outcome {
        /** The namespace is exempt by policy, or maps to no pipeline. */
        NOT_GATED,
        /** Every image is exempt, or pinned by a digest one of the namespace's pipelines authorized. */
        AUTHORIZED,
        /** The object carries no pod spec (another kind, a delete). */
        NOT_APPLICABLE,
        /** Would be denied, but the mapping (or the whole service) audits: allowed with warnings, recorded. */
        AUDITED,
        /** The decision data could not be read in time; allowed as configured, with a warning. */
        FAILED_OPEN,
        DENIED,
        /** The decision data could not be read in time; denied as configured. */
        FAILED_CLOSED
    }

    /** For a review with nothing to check: a delete, or a kind that carries no pod spec. */
    public static final AdmissionDecision NOT_APPLICABLE = allow(Outcome.NOT_APPLICABLE, "nothing to check");

    public AdmissionDecision {
        warnings = List.copyOf(warnings);
    }

    public boolean allowed() {
        return outcome != Outcome.DENIED && outcome != Outcome.FAILED_CLOSED;
    }

    static AdmissionDecision allow(Outcome outcome, String message) {
        return new AdmissionDecision(outcome, message, List.of());
    }
}
