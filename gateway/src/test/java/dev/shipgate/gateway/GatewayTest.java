package dev.shipgate.gateway;

import dev.shipgate.testing.Http;
import dev.shipgate.testing.TestTokens;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway alone: the services behind it are down (nothing listens on their port). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "shipgate.security.secret=" + TestTokens.SECRET,
        "shipgate.seed-file=file:../config/seed.json",
        "APPROVAL_SERVICE_URL=http://127.0.0.1:9",
        "DEPLOY_SERVICE_URL=http://127.0.0.1:9",
        "NOTIFICATION_SERVICE_URL=http://127.0.0.1:9",
        "shipgate.gateway.rate-limit.per-second=1",
        "shipgate.gateway.rate-limit.burst=5",
        "logging.structured.format.console="})
class GatewayTest {

    @LocalServerPort
    int port;

    Http http() {
        return new Http("http://127.0.0.1:" + port);
    }

    @Test
    void sign_in_gives_a_token_for_a_right_password_and_a_problem_for_a_wrong_one() {
        Http.Response ok = http().post(null, "/api/auth/token", Map.of("username", "carol", "password",
                "shipgate-demo"));
        Http.Response wrong = http().post(null, "/api/auth/token", Map.of("username", "carol", "password", "guess"));
        Http.Response nobody = http().post(null, "/api/auth/token", Map.of("username", "nobody", "password", "x"));

        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("accessToken").asString()).isNotBlank();
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.reason()).isEqualTo("BAD_CREDENTIALS");
        assertThat(nobody.reason()).isEqualTo("BAD_CREDENTIALS");
    }

    @Test
    void the_ui_learns_that_password_sign_in_is_on_and_provider_sign_in_is_off() {
        Http.Response options = http().get(null, "/api/auth/config");
        assertThat(options.json().path("passwordSignIn").asBoolean()).isTrue();
        assertThat(options.json().path("oidc").path("authorizationEndpoint").isMissingNode()).isTrue();
        assertThat(http().post(null, "/api/auth/oidc/token", Map.of("code", "c", "codeVerifier", "v".repeat(43),
                "redirectUri", "http://127.0.0.1/")).reason()).isEqualTo("OIDC_NOT_CONFIGURED");
    }

    @Test
    void api_calls_need_a_valid_token_and_bad_ones_get_a_problem() {
        for (String authorization : new String[] {null, "Bearer " + TestTokens.expired("bob"),
                "Bearer " + TestTokens.signedWithOtherSecret("bob"), "Bearer " + TestTokens.fromOtherIssuer("bob"),
                "Bearer not.a.jwt"}) {
            Http.Response response = http().getWithAuthorization(authorization, "/api/pipelines");
            assertThat(response.status()).as(String.valueOf(authorization)).isEqualTo(401);
            assertThat(response.contentType()).startsWith("application/problem+json");
        }
    }

    @Test
    void a_service_that_is_down_gives_a_clear_problem_with_the_request_id() {
        Http.Response response = http().get("dave", "/api/deployments/dp-1");

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.reason()).isEqualTo("SERVICE_UNAVAILABLE");
        assertThat(response.header("X-Request-Id")).isNotBlank();
    }

    @Test
    void each_user_is_rate_limited_on_their_own() {
        int limited = 0;
        for (int i = 0; i < 12; i++) {
            Http.Response response = http().get("erin", "/api/pipelines");
            if (response.status() == 429) {
                limited++;
                assertThat(response.reason()).isEqualTo("RATE_LIMITED");
            }
        }
        assertThat(limited).isGreaterThan(0);
        assertThat(http().get("mona", "/api/pipelines").status()).isNotEqualTo(429);
    }

    @Test
    void the_ui_is_served_with_a_content_security_policy() {
        Http.Response page = http().get(null, "/index.html");

        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body()).contains("<script type=\"module\" src=\"/app.js\"></script>");
        assertThat(page.header("Content-Security-Policy")).contains("default-src 'self'")
                .doesNotContain("unsafe-inline");
    }

    /** app.js names the WebJar's versioned path: a version bump in the pom without app.js fails here. */
    @Test
    void every_module_the_ui_imports_is_served_from_its_webjar() {
        String app = http().get(null, "/app.js").body();
        java.util.List<String> imports = java.util.regex.Pattern.compile("from '(/webjars/[^']+)'").matcher(app)
                .results().map(match -> match.group(1)).toList();

        assertThat(imports).isNotEmpty();
        for (String path : imports) {
            Http.Response module = http().get(null, path);
            assertThat(module.status()).as(path).isEqualTo(200);
            assertThat(module.body()).as(path).contains("@license");
        }
    }
}
