package dev.shipgate.deploy.admission.adapter;

import org.apache.catalina.connector.Connector;
import org.apache.tomcat.util.net.SSLHostConfig;
import org.apache.tomcat.util.net.SSLHostConfigCertificate;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The HTTPS port the Kubernetes API server calls (webhooks are HTTPS only), beside the service's plain port that the
 * gateway and the probes use: a second Tomcat connector with the PEM certificate and key that cert-manager writes
 * into the webhook's Secret ({@code tls.crt}, {@code tls.key}, mounted as files). Every endpoint answers there as on
 * the plain port, with the same bearer-token checks. A renewed certificate is read at the next start (cert-manager
 * renews a month before expiry; a rollout restart picks it up).
 */
class AdmissionTls implements WebServerFactoryCustomizer<TomcatServletWebServerFactory> {

    private final int port;
    private final Path certificate;
    private final Path privateKey;

    AdmissionTls(int port, Path certificate, Path privateKey) {
        if (!Files.isReadable(certificate) || !Files.isReadable(privateKey)) {
            throw new IllegalStateException("shipgate.admission.tls: cannot read " + certificate + " and "
                    + privateKey);
        }
        this.port = port;
        this.certificate = certificate;
        this.privateKey = privateKey;
    }

    @Override
    public void customize(TomcatServletWebServerFactory factory) {
        Connector connector = new Connector(TomcatServletWebServerFactory.DEFAULT_PROTOCOL);
        connector.setPort(port);
        connector.setScheme("https");
        connector.setSecure(true);
        connector.setProperty("SSLEnabled", "true");
        SSLHostConfig ssl = new SSLHostConfig();
        ssl.setProtocols("TLSv1.2+TLSv1.3");
        SSLHostConfigCertificate pem = new SSLHostConfigCertificate(ssl, SSLHostConfigCertificate.Type.UNDEFINED);
        pem.setCertificateFile(certificate.toAbsolutePath().toString());
        pem.setCertificateKeyFile(privateKey.toAbsolutePath().toString());
        ssl.addCertificate(pem);
        connector.addSslHostConfig(ssl);
        factory.addAdditionalConnectors(connector);
    }
}
