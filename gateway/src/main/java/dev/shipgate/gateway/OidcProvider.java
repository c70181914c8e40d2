package dev.shipgate.gateway;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.support.security.TokenSettings;
import org.springframework.http.MediaType;
import org.springframework.util.LinkedMultiValueMap;
import org.springframework.util.MultiValueMap;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;
import tools.jackson.databind.JsonNode;

/**
 * The OIDC provider as the gateway talks to it: its discovery document (read once it answers) and the code
 * exchange, done here so the browser needs no cross-origin call and a confidential client's secret stays server-side.
 */
public class OidcProvider {

    public record Endpoints(String authorization, String token) {
    }

    private final String issuerUri;
    private final OidcSettings settings;
    private final RestClient http = RestClient.create();
    private volatile Endpoints endpoints;

    public OidcProvider(TokenSettings tokens, OidcSettings settings) {
        this.issuerUri = tokens.issuerUri();
        this.settings = settings;
    }

    public boolean enabled() {
        return settings.configured() && issuerUri != null && !issuerUri.isBlank();
    }

    public OidcSettings settings() {
        return settings;
    }

    public Endpoints endpoints() {
        if (endpoints == null) {
            try {
                JsonNode discovery = http.get()
                        .uri(issuerUri.replaceAll("/$", "") + "/.well-known/openid-configuration")
                        .retrieve().body(JsonNode.class);
                endpoints = new Endpoints(discovery.path("authorization_endpoint").asString(),
                        discovery.path("token_endpoint").asString());
            } catch (RestClientException e) {
                throw Refusal.unavailable("IDENTITY_PROVIDER_UNAVAILABLE",
                        "the identity provider " + issuerUri + " cannot be reached: " + e.getMessage()).exception();
            }
        }
        return endpoints;
    }

    /** Exchanges an authorization code for the provider's tokens; the PKCE verifier proves it is the same browser. */
    public JsonNode exchange(String code, String codeVerifier, String redirectUri) {
        MultiValueMap<String, String> form = new LinkedMultiValueMap<>();
        form.add("grant_type", "authorization_code");
        form.add("code", code);
        form.add("code_verifier", codeVerifier);
        form.add("redirect_uri", redirectUri);
        form.add("client_id", settings.clientId());
        if (settings.clientSecret() != null && !settings.clientSecret().isBlank()) {
            form.add("client_secret", settings.clientSecret());
        }
        try {
            return http.post().uri(endpoints().token()).contentType(MediaType.APPLICATION_FORM_URLENCODED)
                    .body(form).retrieve().body(JsonNode.class);
        } catch (RestClientResponseException e) {
            throw Refusal.unauthenticated("SIGN_IN_REFUSED",
                    "the identity provider refused the sign-in (" + e.getStatusCode().value() + ")").exception();
        } catch (RestClientException e) {
            throw Refusal.unavailable("IDENTITY_PROVIDER_UNAVAILABLE",
                    "the identity provider cannot be reached: " + e.getMessage()).exception();
        }
    }
}
