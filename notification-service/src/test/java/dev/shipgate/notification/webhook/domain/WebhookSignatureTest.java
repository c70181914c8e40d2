package dev.shipgate.notification.webhook.domain;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class WebhookSignatureTest {

    /** The Standard Webhooks specification's test vector, which its reference libraries check too. */
    @Test
    void signs_the_standard_webhooks_test_vector() {
        assertThat(WebhookSignature.sign("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "msg_p5jXN8AQM9LWM0D4loKWxJek",
                1614265330L, "{\"test\": 2432232314}".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void a_secret_is_whsec_and_32_random_bytes_in_base64() {
        String secret = WebhookSecret.generate();
        assertThat(secret).startsWith("whsec_");
        assertThat(WebhookSecret.key(secret)).hasSize(32);
        assertThat(WebhookSecret.generate()).isNotEqualTo(secret);
    }
}
