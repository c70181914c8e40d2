package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.notification.webhook.domain.AddressPolicy;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DestinationsTest {

    private final AtomicReference<String> dns = new AtomicReference<>("93.184.215.14");
    private final Destinations destinations = new Destinations(new AddressPolicy(List.of("receiver.test")),
            host -> List.of(ip(host.equals("receiver.test") ? "127.0.0.1" : dns.get())));

    @Test
    void a_host_that_resolves_to_a_private_address_after_subscribing_is_refused_at_delivery() {
        URI accepted = destinations.accept("https://hooks.example.com/shipgate");
        assertThat(destinations.refusal(accepted)).isEmpty();

        dns.set("10.0.0.7"); // DNS rebinding: the same name, an internal address now
        assertThat(destinations.refusal(accepted)).hasValueSatisfying(r -> assertThat(r).contains("10.0.0.7"));
        assertThatThrownBy(() -> destinations.accept("https://hooks.example.com/shipgate"))
                .isInstanceOfSatisfying(RefusedException.class, e -> {
                    assertThat(e.refusal().reason()).isEqualTo("WEBHOOK_URL_NOT_PUBLIC");
                    assertThat(e.refusal().facts()).containsEntry("field", "url");
                });
    }

    @Test
    void only_https_without_user_info_and_plain_http_only_to_an_allow_listed_host() {
        for (String url : List.of("http://hooks.example.com/x", "ftp://hooks.example.com/x", "hooks.example.com/x",
                "https://user:pw@hooks.example.com/x", "https:///x", "https://hooks.example.com/x#frag", "")) {
            assertThatThrownBy(() -> destinations.accept(url)).as(url)
                    .isInstanceOfSatisfying(RefusedException.class, e -> assertThat(e.refusal().reason())
                            .isEqualTo("WEBHOOK_URL_INVALID"));
        }
        assertThat(destinations.accept("http://receiver.test:8080/hook").getPort()).isEqualTo(8080);
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
