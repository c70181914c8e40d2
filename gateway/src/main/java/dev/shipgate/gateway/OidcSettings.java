package dev.shipgate.gateway;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The web UI's sign-in through an OIDC provider (authorization code with PKCE). The provider is
 * {@code shipgate.security.issuer-uri}; the client is registered there with the UI's address as redirect URI.
 * A confidential client's secret comes from the environment ({@code SHIPGATE_OIDC_CLIENT_SECRET}).
 *
 * @param clientId     the client registered at the provider; unset: no sign-in through the provider
 * @param clientSecret a confidential client's secret; unset for a public client (PKCE only)
 * @param providerName the name on the sign-in button (default {@code single sign-on}; blank means the default)
 * @param scope        the scopes asked for, space-separated (default {@code openid profile email}; blank means the
 *                     default)
 */
@ConfigurationProperties("shipgate.oidc")
public record OidcSettings(String clientId, String clientSecret,
                           @DefaultValue(OidcSettings.PROVIDER_NAME) String providerName,
                           @DefaultValue(OidcSettings.SCOPE) String scope) {

    static final String PROVIDER_NAME = "single sign-on";
    static final String SCOPE = "openid profile email";

    public OidcSettings {
        providerName = providerName == null || providerName.isBlank() ? PROVIDER_NAME : providerName;
        scope = scope == null || scope.isBlank() ? SCOPE : scope;
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
