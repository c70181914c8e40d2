package dev.shipgate.deploy.shared.domain;

/**
 * Why deploy-service said no: a stable reason code, which callers and the problem+json answers carry, and words that
 * give the facts (which user, pipeline, deployment or status).
 *
 * @param reason what rule said no; its {@link Kind} says what sort of no it is
 * @param detail the facts, for the person who asked
 */
public record Refusal(Reason reason, String detail) {

    /** The sort of no, which the web adapter turns into an HTTP status. */
    public enum Kind { FORBIDDEN, CONFLICT, NOT_FOUND, INVALID }

    public enum Reason {
        /** Changing a pipeline needs Admin or Manager on its application and environment. */
        NOT_ALLOWED_TO_CONFIGURE(Kind.FORBIDDEN),
        /** Deploying needs Build and Deploy on the pipeline's application and environment. */
        NOT_ALLOWED_TO_DEPLOY(Kind.FORBIDDEN),
        /** Someone else changed the pipeline since it was read. */
        PIPELINE_CHANGED(Kind.CONFLICT),
        UNKNOWN_PIPELINE(Kind.NOT_FOUND),
        UNKNOWN_IMAGE(Kind.NOT_FOUND),
        UNKNOWN_DEPLOYMENT(Kind.NOT_FOUND),
        /** A deploy call's {@code wait} is not a positive ISO-8601 duration within the limit. */
        INVALID_WAIT(Kind.INVALID),
        /** A decision came for a deployment approval-service already decided on (a redelivery). */
        DEPLOYMENT_ALREADY_DECIDED(Kind.CONFLICT),
        /** A decision names another pipeline, image or requester than the deployment recorded here. */
        DECISION_FOR_ANOTHER_DEPLOYMENT(Kind.CONFLICT),
        /** Only an AUTHORIZED deployment starts rolling out. */
        DEPLOYMENT_NOT_AUTHORIZED(Kind.CONFLICT),
        /** Only a PROGRESSING deployment reaches an end. */
        DEPLOYMENT_NOT_PROGRESSING(Kind.CONFLICT),
        /** Only a live deployment (in flight or running) is superseded. */
        DEPLOYMENT_NOT_LIVE(Kind.CONFLICT);

        private final Kind kind;

        Reason(Kind kind) {
            this.kind = kind;
        }

        public Kind kind() {
            return kind;
        }
    }

    public static Refusal of(Reason reason, String detail) {
        return new Refusal(reason, detail);
    }
}
