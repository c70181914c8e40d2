package dev.shipgate.gateway;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.gateway.signin.SignInAudit;
import dev.shipgate.gateway.signin.SignInThrottle;
import dev.shipgate.gateway.signin.SignInThrottle.Admitted;
import dev.shipgate.gateway.signin.SignInThrottle.Refused;
import dev.shipgate.support.security.TokenIssuer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

/**
 * The built-in token issuer: user name and password in, a bearer token out. Repeated failures for one user slow and
 * then lock further attempts ({@link SignInThrottle}): such an attempt is answered 429
 * {@code SIGN_IN_TEMPORARILY_LOCKED} with {@code Retry-After} (seconds) and {@code retryAt} (an instant) without
 * checking the password, the same for unknown user names as for real ones.
 */
@RestController
public class TokenController {

    static final Duration LIFETIME = Duration.ofHours(8);

    private final Credentials credentials;
    private final TokenIssuer issuer;
    private final OidcProvider oidc;
    private final SignInThrottle throttle;
    private final SignInAudit audit;

    public TokenController(Credentials credentials, TokenIssuer issuer, OidcProvider oidc, SignInThrottle throttle,
                           SignInAudit audit) {
        this.credentials = credentials;
        this.issuer = issuer;
        this.oidc = oidc;
        this.throttle = throttle;
        this.audit = audit;
    }

    public record SignIn(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
    }

    public record Token(String accessToken, String tokenType, long expiresIn, String userId, String displayName) {
    }

    /** Retry-After in whole seconds, rounded up so a client waiting that long is not refused again. */
    private static long seconds(Refused refused) {
        return Math.max(1, (refused.retryAfter().toMillis() + 999) / 1000);
    }

    @PostMapping("/api/auth/token")
    public Token token(@Valid @RequestBody SignIn body, HttpServletRequest request) {
        if (oidc.enabled()) { // people sign in at the identity provider, not with passwords kept here
            throw Refusal.notFound("PASSWORD_SIGN_IN_DISABLED",
                    "sign in through " + oidc.settings().providerName()).exception();
        }
        String userId = UserIds.canonical(body.username());
        // the address the per-address rate limit uses: X-Forwarded-For only where Tomcat is told to trust it
        String address = request.getRemoteAddr();
        var admission = throttle.admit(userId, address);
        if (admission instanceof Refused refused) {
            audit.locked(userId, address, refused.failures(), refused.retryAt());
            throw Refusal.tooManyRequests(SignInAudit.LOCKED, "too many failed sign-ins for this user: try again after "
                    + refused.retryAt().truncatedTo(ChronoUnit.SECONDS) + " (UTC), in " + seconds(refused) + " s",
                    seconds(refused)).with("retryAt", refused.retryAt().toString()).exception();
        }
        Admitted admitted = (Admitted) admission;
        var user = credentials.check(body.username(), body.password());
        if (user.isEmpty()) {
            audit.failed(userId, address, admitted.failures(), admitted.waitsUntil());
            throw Refusal.unauthenticated(SignInAudit.BAD_CREDENTIALS,
                    "the user name or the password is wrong").exception();
        }
        audit.succeeded(userId, address, throttle.succeeded(userId, address));
        Credentials.SignedIn signedIn = user.get();
        return new Token(issuer.issue(signedIn.userId(), signedIn.displayName(), LIFETIME), "Bearer",
                LIFETIME.toSeconds(), signedIn.userId(), signedIn.displayName());
    }
}
