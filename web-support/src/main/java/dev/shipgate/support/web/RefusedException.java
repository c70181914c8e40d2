package dev.shipgate.support.web;

import dev.shipgate.contracts.refusal.Refusal;
import org.springframework.http.HttpStatus;

/**
 * The old way to refuse from a controller, kept only until deploy-service and notification-service throw
 * {@link dev.shipgate.contracts.refusal.RefusedException} (issue 22): it is one, so {@link ProblemHandling}
 * answers both alike. Delete it once nothing uses it.
 *
 * @deprecated throw {@code Refusal.forbidden(reason, detail).exception()} (or the other kinds) instead
 */
@Deprecated(forRemoval = true)
public class RefusedException extends dev.shipgate.contracts.refusal.RefusedException {

    public RefusedException(HttpStatus status, String reason, String detail) {
        super(new Refusal(RefusalMapping.kindOf(status), reason, detail));
    }

    public HttpStatus status() {
        return RefusalMapping.statusOf(refusal().kind());
    }

    public String reason() {
        return refusal().reason();
    }
}
