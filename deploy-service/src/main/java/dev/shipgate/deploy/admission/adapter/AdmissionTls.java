package dev.shipgate.deploy.admission.adapter;

import org.apache.catalina.connector.Connector;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.tomcat.SslConnectorCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.Ssl;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import java.util.Map;

/**
 * The HTTPS port the Kubernetes API server calls (webhooks are HTTPS only), beside the service's plain port that the
 * gateway and the probes use: a second Tomcat connector serving a Spring Boot SSL bundle (by default
 * {@code spring.ssl.bundle.pem.webhook}: the PEM certificate and key cert-manager writes into the webhook's Secret,
 * mounted as files). With the bundle's {@code reload-on-update}, Spring Boot watches those files and a renewed
 * certificate is served without a restart: the bundle's update handler gives the connector the new bundle.
 * With client authentication {@code need}, the TLS handshake requires a client certificate that the bundle's trust
 * store (the CA of the API server's client certificate) signed; {@link ClientCertificateCallers} then maps its name
 * to the caller. Every endpoint answers on this port as on the plain port, with the same checks.
 */
class AdmissionTls implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private static final Log LOG = LogFactory.getLog(AdmissionTls.class);

    private final int port;
    private final String bundleName;
    private final Ssl.ClientAuth clientAuth;
    private final SslBundles bundles;

    AdmissionTls(int port, String bundleName, Ssl.ClientAuth clientAuth, SslBundles bundles) {
        SslBundle bundle = bundles.getBundle(bundleName);
        if (bundle.getStores().getKeyStore() == null) {
            throw new IllegalStateException("shipgate.admission.tls: the SSL bundle " + bundleName
                    + " has no certificate and key (spring.ssl.bundle.pem." + bundleName + ".keystore.*)");
        }
        if (clientAuth == Ssl.ClientAuth.NEED && bundle.getStores().getTrustStore() == null) {
            throw new IllegalStateException("shipgate.admission.tls.client-auth=need: the SSL bundle " + bundleName
                    + " has no trust store for client certificates (spring.ssl.bundle.pem." + bundleName
                    + ".truststore.certificate)");
        }
        this.port = port;
        this.bundleName = bundleName;
        this.clientAuth = clientAuth;
        this.bundles = bundles;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(port);
        SslConnectorCustomizer ssl = new SslConnectorCustomizer(LOG, connector, clientAuth);
        ssl.customize(bundles.getBundle(bundleName), Map.of());
        bundles.addBundleUpdateHandler(bundleName, renewed -> ssl.update(null, renewed));
        factory.addAdditionalConnectors(connector);
    }
}
