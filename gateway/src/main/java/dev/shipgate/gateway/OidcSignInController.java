package dev.shipgate.gateway;

import dev.shipgate.contracts.refusal.Refusal;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * How the UI signs in: with a password against the built-in issuer (the local default), or through the OIDC
 * provider with the authorization code flow and PKCE (production).
 */
@RestController
public class OidcSignInController {

    private final OidcProvider provider;

    public OidcSignInController(OidcProvider provider) {
        this.provider = provider;
    }

    public record Oidc(String providerName, String authorizationEndpoint, String clientId, String scope) {
    }

    public record SignInOptions(boolean passwordSignIn, Oidc oidc) {
    }

    public record CodeExchange(@NotBlank @Size(max = 2000) String code,
                               @NotBlank @Size(min = 43, max = 128) String codeVerifier,
                               @NotBlank @Size(max = 2000) String redirectUri) {
    }

    public record SignedIn(String accessToken, String tokenType, long expiresIn) {
    }

    @GetMapping("/api/auth/config")
    public SignInOptions options() {
        if (!provider.enabled()) {
            return new SignInOptions(true, null);
        }
        OidcSettings settings = provider.settings();
        return new SignInOptions(false, new Oidc(settings.providerName(), provider.endpoints().authorization(),
                settings.clientId(), settings.scope()));
    }

    @PostMapping("/api/auth/oidc/token")
    public SignedIn exchange(@Valid @RequestBody CodeExchange body) {
        if (!provider.enabled()) {
            throw Refusal.notFound("OIDC_NOT_CONFIGURED",
                    "sign-in through an identity provider is not configured").exception();
        }
        JsonNode tokens = provider.exchange(body.code(), body.codeVerifier(), body.redirectUri());
        // the services verify JWTs: a provider with opaque access tokens (e.g. Google) is used through its ID token
        String accessToken = tokens.path("access_token").asString("");
        String bearer = accessToken.chars().filter(c -> c == '.').count() == 2 ? accessToken
                : tokens.path("id_token").asString("");
        if (bearer.isBlank()) {
            throw Refusal.unauthenticated("SIGN_IN_REFUSED",
                    "the identity provider gave no token the services can verify").exception();
        }
        return new SignedIn(bearer, "Bearer", tokens.path("expires_in").asLong(3600));
    }
}
