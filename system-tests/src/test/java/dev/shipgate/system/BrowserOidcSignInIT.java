package dev.shipgate.system;

import dev.shipgate.testing.FakeIdentityProvider;
import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;
import dev.shipgate.testing.TestTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;
import org.openqa.selenium.By;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Production sign-in: the UI signs in through an OIDC provider (authorization code with PKCE) and every service
 * verifies the provider's tokens with its keys. The provider is {@link FakeIdentityProvider}: no real one runs here.
 */
// beside the shared system, with its own (junit-platform.properties); each test says SAME_THREAD, or it would
// inherit CONCURRENT and run beside its siblings
@Execution(ExecutionMode.CONCURRENT)
class BrowserOidcSignInIT {

    private static FakeIdentityProvider idp;
    private static RunningSystem system;
    private static Browser browser;
    private static Http gateway;

    @BeforeAll
    static void start() throws Exception {
        Browser.assumeInstalled();
        idp = new FakeIdentityProvider();
        system = new RunningSystem(List.of("approval-service", "deploy-service", "gateway"), List.of(
                "--shipgate.security.issuer-uri=" + idp.issuer(),
                "--shipgate.security.user-claim=preferred_username",
                "--shipgate.oidc.client-id=" + FakeIdentityProvider.CLIENT_ID,
                "--shipgate.oidc.provider-name=Fake IdP"));
        gateway = new Http(system.gatewayUrl());
        browser = new Browser(system.gatewayUrl());
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.close();
        }
        if (system != null) {
            system.close();
        }
        if (idp != null) {
            idp.close();
        }
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void a_person_signs_in_at_the_provider_and_lands_back_in_shipgate_as_themselves() throws Exception {
        browser.open("#/pending");
        browser.await(By.id("sso-sign-in")).click();
        browser.await(By.id("idp-user")).sendKeys("bob");
        browser.screenshot("13-oidc-provider-login");
        browser.driver.findElement(By.id("idp-sign-in")).click();

        browser.awaitText(By.cssSelector(".who strong"), "Bob");
        browser.awaitText(By.cssSelector("#main h1"), "Approval pending");
        assertThat(browser.driver.getCurrentUrl()).as("the code is not left in the address bar")
                .doesNotContain("code=").endsWith("#/pending");
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void the_services_accept_the_providers_tokens_only_and_passwords_are_off() {
        String bob = "Bearer " + idp.sign("bob", FakeIdentityProvider.CLIENT_ID);
        assertThat(gateway.getWithAuthorization(bob, "/api/access/me").json().path("userId").asString())
                .as("the user id comes from preferred_username, not the opaque sub").isEqualTo("bob");
        assertThat(gateway.getWithAuthorization(bob, "/api/pipelines").status()).isEqualTo(200);

        try (FakeIdentityProvider impostor = new FakeIdentityProvider()) {
            String forged = "Bearer " + impostor.sign("bob", FakeIdentityProvider.CLIENT_ID);
            assertThat(gateway.getWithAuthorization(forged, "/api/pipelines").status()).isEqualTo(401);
        }
        assertThat(gateway.getWithAuthorization("Bearer " + idp.sign("mallory", "x"), "/api/access/me").reason())
                .isEqualTo("UNKNOWN_USER");
        assertThat(gateway.post(null, "/api/auth/token", Map.of("username", "bob", "password", "shipgate-demo"))
                .reason()).isEqualTo("PASSWORD_SIGN_IN_DISABLED");
        assertThat(gateway.post(null, "/api/auth/oidc/token", Map.of("code", "made-up", "codeVerifier",
                "v".repeat(43), "redirectUri", system.gatewayUrl() + "/")).reason()).isEqualTo("SIGN_IN_REFUSED");
    }

    @Test
    @Execution(ExecutionMode.SAME_THREAD)
    void api_tokens_for_automation_still_work_beside_the_provider() {
        String bob = "Bearer " + idp.sign("bob", FakeIdentityProvider.CLIENT_ID);
        Http.Response made = gateway.postWithAuthorization(bob, "/api/access/tokens", Map.of("name", "ci"));
        assertThat(made.status()).isEqualTo(201);
        String apiToken = "Bearer " + made.json().path("accessToken").asString();
        assertThat(gateway.getWithAuthorization(apiToken, "/api/pipelines").status()).isEqualTo(200);
        assertThat(gateway.getWithAuthorization("Bearer " + TestTokens.signedWithOtherSecret("bob"),
                "/api/pipelines").status()).isEqualTo(401);
    }
}
