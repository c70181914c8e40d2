package dev.shipgate.testing;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A stand-in for an OIDC provider (Keycloak, Okta...), which cannot run here: discovery document, JWKS with an RSA
 * key, a login page that asks only for a user name, and the authorization code flow with PKCE (S256), checked the
 * way a real provider checks it. Tokens carry an opaque {@code sub} and the user name in {@code preferred_username}.
 */
public final class FakeIdentityProvider implements AutoCloseable {

    public static final String CLIENT_ID = "shipgate-ui";

    private record PendingCode(String user, String redirectUri, String challenge, String clientId) {
    }

    private final HttpServer server;
    private final RSAKey key;
    private final Map<String, PendingCode> codes = new ConcurrentHashMap<>();

    public FakeIdentityProvider() {
        try {
            key = new RSAKeyGenerator(2048).keyID("fake-idp-1").generate();
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/.well-known/openid-configuration", this::discovery);
        server.createContext("/jwks", exchange -> send(exchange, 200, "application/json",
                new JWKSet(key.toPublicJWK()).toString()));
        server.createContext("/authorize", this::authorize);
        server.createContext("/token", this::token);
        server.start();
    }

    public String issuer() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private void discovery(HttpExchange exchange) throws IOException {
        String issuer = issuer();
        send(exchange, 200, "application/json", """
                {"issuer":"%1$s","authorization_endpoint":"%1$s/authorize","token_endpoint":"%1$s/token",
                 "jwks_uri":"%1$s/jwks","response_types_supported":["code"],"subject_types_supported":["public"],
                 "id_token_signing_alg_values_supported":["RS256"],"code_challenge_methods_supported":["S256"]}
                """.formatted(issuer));
    }

    /** GET shows the login page; POST (the page's form) signs the user in and redirects back with a code. */
    private void authorize(HttpExchange exchange) throws IOException {
        if (exchange.getRequestMethod().equals("GET")) {
            Map<String, String> query = form(exchange.getRequestURI().getRawQuery());
            if (!"code".equals(query.get("response_type")) || !"S256".equals(query.get("code_challenge_method"))) {
                send(exchange, 400, "text/plain", "response_type=code and code_challenge_method=S256 are required");
                return;
            }
            StringBuilder hidden = new StringBuilder();
            for (String name : new String[] {"client_id", "redirect_uri", "state", "code_challenge"}) {
                hidden.append("<input type=hidden name=").append(name).append(" value=\"")
                        .append(escape(query.getOrDefault(name, ""))).append("\">");
            }
            send(exchange, 200, "text/html", "<!doctype html><title>Fake IdP</title><h1>Fake identity provider</h1>"
                    + "<form method=post action=/authorize>" + hidden + "<label>User <input id=idp-user name=user>"
                    + "</label><button id=idp-sign-in>Sign in</button></form>");
            return;
        }
        Map<String, String> posted = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        String code = UUID.randomUUID().toString();
        codes.put(code, new PendingCode(posted.get("user"), posted.get("redirect_uri"), posted.get("code_challenge"),
                posted.get("client_id")));
        String location = posted.get("redirect_uri") + (posted.get("redirect_uri").contains("?") ? "&" : "?")
                + "code=" + code + "&state=" + URLEncoder.encode(posted.getOrDefault("state", ""),
                StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
        exchange.close();
    }

    private void token(HttpExchange exchange) throws IOException {
        Map<String, String> posted = form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        PendingCode pending = codes.remove(posted.getOrDefault("code", ""));
        boolean valid = pending != null && "authorization_code".equals(posted.get("grant_type"))
                && pending.redirectUri().equals(posted.get("redirect_uri"))
                && pending.clientId().equals(posted.get("client_id"))
                && pending.challenge().equals(s256(posted.getOrDefault("code_verifier", "")));
        if (!valid) {
            send(exchange, 400, "application/json", "{\"error\":\"invalid_grant\"}");
            return;
        }
        String accessToken = sign(pending.user(), pending.clientId());
        send(exchange, 200, "application/json", "{\"access_token\":\"" + accessToken + "\",\"id_token\":\""
                + accessToken + "\",\"token_type\":\"Bearer\",\"expires_in\":600}");
    }

    /** A token as the provider signs it, for tests that need one without the browser. */
    public String sign(String user, String audience) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(issuer())
                .subject("u-" + UUID.nameUUIDFromBytes(user.getBytes(StandardCharsets.UTF_8)))
                .claim("preferred_username", user).audience(audience).jwtID(UUID.randomUUID().toString())
                .issueTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(600))).build();
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String s256(String verifier) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(hash);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Map<String, String> form(String encoded) {
        Map<String, String> values = new HashMap<>();
        if (encoded != null && !encoded.isEmpty()) {
            for (String pair : encoded.split("&")) {
                String[] keyValue = pair.split("=", 2);
                values.put(URLDecoder.decode(keyValue[0], StandardCharsets.UTF_8),
                        keyValue.length > 1 ? URLDecoder.decode(keyValue[1], StandardCharsets.UTF_8) : "");
            }
        }
        return values;
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static void send(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
