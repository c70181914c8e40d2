package dev.shipgate.gateway;

import org.apache.hc.core5.util.TimeValue;
import org.springframework.boot.http.client.ClientHttpRequestFactoryBuilder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The HTTP client the routes forward with: Apache HttpClient 5 over pooled keep-alive connections. It costs the
 * gateway far less CPU per call than the JDK client (measured with {@code ./shipgate bench load}), and unlike the plain
 * {@code HttpURLConnection} it sends a body-less POST without a made-up form content type. The pool allows as many
 * connections to one service as the gateway has request threads, so a burst never queues for a connection (the
 * library's default is 5 per service). A pooled connection idle for longer than {@link #CHECK_IDLE_CONNECTION_AFTER}
 * is checked before it is used again, so a call does not go out on the dead connection of an instance that was killed
 * meanwhile (it opens a new one, which is refused and sent to another instance: ServiceUnavailableFilter).
 */
@Configuration(proxyBeanMethods = false)
class ProxyClientConfiguration {

    /** Tomcat's default maximum of request threads. */
    static final int CONNECTIONS_PER_SERVICE = 200;
    static final TimeValue CHECK_IDLE_CONNECTION_AFTER = TimeValue.ofMilliseconds(500);

    @Bean
    ClientHttpRequestFactoryBuilder<?> proxyClientFactoryBuilder() {
        return ClientHttpRequestFactoryBuilder.httpComponents()
                .withConnectionManagerCustomizer(pool -> pool
                        .setMaxConnPerRoute(CONNECTIONS_PER_SERVICE)
                        .setMaxConnTotal(3 * CONNECTIONS_PER_SERVICE))
                .withConnectionConfigCustomizer(connection -> connection
                        .setValidateAfterInactivity(CHECK_IDLE_CONNECTION_AFTER));
    }
}
