package dev.shipgate.gateway;

import dev.shipgate.support.security.TokenIssuer;
import dev.shipgate.support.web.RefusedException;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.time.Duration;

/** The built-in token issuer: user name and password in, a bearer token out. */
@RestController
public class TokenController {

    static final Duration LIFETIME = Duration.ofHours(8);

    private final Credentials credentials;
    private final TokenIssuer issuer;
    private final OidcProvider oidc;

    public TokenController(Credentials credentials, TokenIssuer issuer, OidcProvider oidc) {
        this.credentials = credentials;
        this.issuer = issuer;
        this.oidc = oidc;
    }

    public record SignIn(@NotBlank @Size(max = 100) String username, @NotBlank @Size(max = 200) String password) {
    }

    public record Token(String accessToken, String tokenType, long expiresIn, String userId, String displayName) {
    }

    @PostMapping("/api/auth/token")
    public Token token(@Valid @RequestBody SignIn body) {
        if (oidc.enabled()) { // people sign in at the identity provider, not with passwords kept here
            throw new RefusedException(HttpStatus.NOT_FOUND, "PASSWORD_SIGN_IN_DISABLED",
                    "sign in through " + oidc.settings().providerName());
        }
        var user = credentials.check(body.username(), body.password()).orElseThrow(() -> new RefusedException(
                HttpStatus.UNAUTHORIZED, "BAD_CREDENTIALS", "the user name or the password is wrong"));
        return new Token(issuer.issue(user.userId(), user.displayName(), LIFETIME), "Bearer", LIFETIME.toSeconds(),
                user.userId(), user.displayName());
    }
}
