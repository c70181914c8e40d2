package dev.shipgate.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The web UI's sign-in through an OIDC provider (authorization code with PKCE). The provider is
 * {@code shipgate.security.issuer-uri}; the client is registered there with the UI's address as redirect URI.
 * A confidential client's secret comes from the environment ({@code SHIPGATE_OIDC_CLIENT_SECRET}).
 */
@ConfigurationProperties("shipgate.oidc")
public record OidcSettings(String clientId, String clientSecret, String providerName, String scope) {

    public OidcSettings {
        providerName = providerName == null || providerName.isBlank() ? "single sign-on" : providerName;
        scope = scope == null || scope.isBlank() ? "openid profile email" : scope;
    }

    public boolean configured() {
        return clientId != null && !clientId.isBlank();
    }

    @Override
    public String toString() {
        return "OidcSettings[clientId=" + clientId + ", clientSecret=" + (clientSecret == null ? "none" : "****")
                + ", providerName=" + providerName + ", scope=" + scope + "]";
    }
}
