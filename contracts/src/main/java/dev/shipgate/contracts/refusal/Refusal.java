package dev.shipgate.contracts.refusal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Why a service said no, the one shape every service's domain uses: a {@link Kind} (which HTTP status it becomes),
 * a stable reason code clients may branch on (e.g. {@code REQUESTER_CANNOT_APPROVE}; it is the {@code reason} of the
 * problem+json answer) and a sentence for people (its {@code detail}). Plain Java, so domains may return it as a value
 * or throw it inside a {@link RefusedException}; web-support's {@code ProblemHandling} is the one place that turns it
 * into HTTP.
 *
 * @param kind   what sort of no it is; never null
 * @param reason the stable code, upper snake case; never blank
 * @param detail words for the person who asked; never null
 * @param facts  further members of the problem answer, name to value (e.g. {@code nextOpening}, an ISO-8601
 *               instant, when a deployment window refuses); empty for most refusals, never null
 */
public record Refusal(Kind kind, String reason, String detail, Map<String, String> facts) {

    /** The sort of no, one per HTTP status a refusal may carry (400, 401, 403, 404, 409, 410, 422, 429, 503). */
    public enum Kind {
        /** The request itself is wrong (400). */
        INVALID,
        /** The caller is not (or no longer) signed in (401). */
        UNAUTHENTICATED,
        /** The caller may not do this (403). */
        FORBIDDEN,
        /** What the request names does not exist (404). */
        NOT_FOUND,
        /** The current state does not allow it (409). */
        CONFLICT,
        /** What the request names existed but is spent or expired for good, e.g. a used approval link (410). */
        GONE,
        /**
         * The request is well formed but contradicts an earlier one it claims to repeat, e.g. an
         * {@code Idempotency-Key} sent again with another body (422, as the IETF Idempotency-Key draft says).
         */
        UNPROCESSABLE,
        /**
         * The caller asked too often; asking again after the {@link #RETRY_AFTER} the refusal carries may work (429),
         * e.g. a sign-in locked after repeated failures.
         */
        TOO_MANY_REQUESTS,
        /** Something the service needs is down; asking again later may work (503). */
        UNAVAILABLE
    }

    public Refusal {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
        if (reason == null || reason.isBlank()) {
            throw new IllegalArgumentException("a refusal needs a reason code");
        }
        facts = facts == null ? Map.of() : Map.copyOf(facts);
    }

    /** A refusal with no further facts, the usual one. */
    public Refusal(Kind kind, String reason, String detail) {
        this(kind, reason, detail, Map.of());
    }

    /** This refusal with one more fact for the problem answer ({@code name} a JSON member name). */
    public Refusal with(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(facts);
        more.put(name, value);
        return new Refusal(kind, reason, detail, more);
    }

    /** The fact naming the request's field at fault (a JSON path such as {@code recurrence}). */
    public static final String FIELD = "field";

    /**
     * A request field that cannot be used, answered as Bean Validation's answers are: reason {@code INVALID_REQUEST},
     * the field named ({@link #FIELD}), detail "{@code <field> <words>}".
     *
     * @param words what is wrong with it, without the field's name (e.g. "must be an IANA time zone id")
     */
    public static Refusal invalidField(String field, String words) {
        return new Refusal(Kind.INVALID, "INVALID_REQUEST", field + " " + words).with(FIELD, field);
    }

    /** The field at fault when this refusal names one ({@link #invalidField}), else null. */
    public String field() {
        return facts.get(FIELD);
    }

    /**
     * The fact giving how long to wait before asking again, in whole seconds: it becomes the answer's
     * {@code Retry-After} header (RFC 9110, section 10.2.3), not a member of the problem.
     */
    public static final String RETRY_AFTER = "retryAfter";

    /** A {@link Kind#TOO_MANY_REQUESTS} refusal saying to wait {@code retryAfterSeconds} (at least 1) first. */
    public static Refusal tooManyRequests(String reason, String detail, long retryAfterSeconds) {
        return new Refusal(Kind.TOO_MANY_REQUESTS, reason, detail)
                .with(RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
    }

    public static Refusal invalid(String reason, String detail) {
        return new Refusal(Kind.INVALID, reason, detail);
    }

    public static Refusal unauthenticated(String reason, String detail) {
        return new Refusal(Kind.UNAUTHENTICATED, reason, detail);
    }

    public static Refusal forbidden(String reason, String detail) {
        return new Refusal(Kind.FORBIDDEN, reason, detail);
    }

    public static Refusal notFound(String reason, String detail) {
        return new Refusal(Kind.NOT_FOUND, reason, detail);
    }

    public static Refusal conflict(String reason, String detail) {
        return new Refusal(Kind.CONFLICT, reason, detail);
    }

    public static Refusal gone(String reason, String detail) {
        return new Refusal(Kind.GONE, reason, detail);
    }

    public static Refusal unavailable(String reason, String detail) {
        return new Refusal(Kind.UNAVAILABLE, reason, detail);
    }

    /** This refusal as an exception, for code that refuses by throwing (application services, adapters). */
    public RefusedException exception() {
        return new RefusedException(this);
    }
}
