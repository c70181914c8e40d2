package dev.shipgate.deploy.it;

import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Certificates for the admission webhook's TLS tests (BouncyCastle): a CA, certificates it signs (server or client,
 * with DNS/IP subject alternative names), the PEM files Kubernetes mounts from a Secret, and client TLS contexts.
 */
final class AdmissionPki {

    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());

    /** A key pair and its certificate. */
    record Issued(KeyPair keys, X509Certificate certificate) {
        String certificatePem() {
            return pem("CERTIFICATE", encoded(certificate));
        }

        String privateKeyPem() {
            return pem("PRIVATE KEY", keys.getPrivate().getEncoded());
        }
    }

    private final Issued ca;

    private AdmissionPki(Issued ca) {
        this.ca = ca;
    }

    static AdmissionPki newCa(String name) {
        KeyPair keys = keys();
        return new AdmissionPki(new Issued(keys, sign(keys, "CN=" + name, keys, "CN=" + name, List.of(), true)));
    }

    X509Certificate certificate() {
        return ca.certificate();
    }

    /** A leaf certificate: {@code cn}, and subject alternative names ({@code dns:x}, {@code ip:1.2.3.4}). */
    Issued issue(String cn, String... alternativeNames) {
        KeyPair keys = keys();
        return new Issued(keys, sign(keys, "CN=" + cn, ca.keys(), ca.certificate().getSubjectX500Principal()
                .getName(), List.of(alternativeNames), false));
    }

    /**
     * Writes the files the way the kubelet mounts a Secret: {@code tls.crt -> ..data/tls.crt} and
     * {@code ..data -> ..<version>/}; a later call swaps the {@code ..data} link, as a renewal does.
     */
    static void mount(Path dir, String version, Issued server, X509Certificate clientCa) throws Exception {
        Path versioned = Files.createDirectories(dir.resolve(".." + version));
        Files.writeString(versioned.resolve("tls.crt"), server.certificatePem());
        Files.writeString(versioned.resolve("tls.key"), server.privateKeyPem());
        Files.writeString(versioned.resolve("ca.crt"), pem("CERTIFICATE", encoded(clientCa)));
        Path link = dir.resolve("..data_tmp");
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, versioned.getFileName());
        Files.move(link, dir.resolve("..data"), StandardCopyOption.ATOMIC_MOVE,
                StandardCopyOption.REPLACE_EXISTING);
        for (String file : List.of("tls.crt", "tls.key", "ca.crt")) {
            if (!Files.exists(dir.resolve(file), LinkOption.NOFOLLOW_LINKS)) {
                Files.createSymbolicLink(dir.resolve(file), Path.of("..data", file));
            }
        }
    }

    /** A client context that trusts {@code serverCa} and presents {@code client} (when not null). */
    static SSLContext clientContext(X509Certificate serverCa, Issued client) throws Exception {
        KeyStore trusted = KeyStore.getInstance("PKCS12");
        trusted.load(null, null);
        trusted.setCertificateEntry("ca", serverCa);
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        KeyStore own = KeyStore.getInstance("PKCS12");
        own.load(null, null);
        if (client != null) {
            own.setKeyEntry("client", client.keys().getPrivate(), new char[0],
                    new X509Certificate[] {client.certificate()});
        }
        keys.init(own, new char[0]);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context;
    }

    private static KeyPair keys() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static X509Certificate sign(KeyPair subjectKeys, String subject, KeyPair issuerKeys, String issuer,
                                        List<String> alternativeNames, boolean ca) {
        try {
            Instant now = Instant.now();
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(new X500Name(issuer),
                    BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
                    Date.from(now.plus(Duration.ofDays(2))), new X500Name(subject), subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (!alternativeNames.isEmpty()) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(alternativeNames
                        .stream().map(name -> name.startsWith("ip:")
                                ? new GeneralName(GeneralName.iPAddress, name.substring(3))
                                : new GeneralName(GeneralName.dNSName, name.substring(name.indexOf(':') + 1)))
                        .toArray(GeneralName[]::new)));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKeys.getPrivate())));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] encoded(X509Certificate certificate) {
        try {
            return certificate.getEncoded();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        Base64.Encoder lines = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII));
        return "-----BEGIN " + type + "-----\n" + lines.encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
