package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.contracts.identity.UserIds;
import org.springframework.security.web.authentication.preauth.x509.X509PrincipalExtractor;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * The caller a verified client certificate stands for (mTLS for the API server, README "Admission webhook"): the
 * first of its names (the subject's CN, then its DNS and URI subject alternative names) that is one of the admission
 * callers, compared in canonical form; the caller's canonical id is the principal. A certificate naming no caller
 * stands for its CN, which the admission check then refuses (403 {@code NOT_AN_ADMISSION_CALLER}).
 */
class ClientCertificateCallers implements X509PrincipalExtractor {

    /** GeneralName types of RFC 5280: dNSName and uniformResourceIdentifier. */
    private static final int DNS = 2;
    private static final int URI = 6;

    private final Collection<String> callers;

    ClientCertificateCallers(Collection<String> callers) {
        this.callers = List.copyOf(callers);
    }

    @Override
    public Object extractPrincipal(X509Certificate certificate) {
        List<String> names = names(certificate);
        return names.stream().flatMap(name -> callers.stream().filter(caller -> UserIds.same(caller, name)))
                .findFirst().map(UserIds::canonical)
                .orElse(names.isEmpty() ? null : UserIds.canonical(names.get(0)));
    }

    static List<String> names(X509Certificate certificate) {
        List<String> names = new ArrayList<>();
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    names.add(String.valueOf(rdn.getValue()));
                }
            }
            Collection<List<?>> alternatives = certificate.getSubjectAlternativeNames();
            if (alternatives != null) {
                for (List<?> alternative : alternatives) {
                    int type = (Integer) alternative.get(0);
                    if (type == DNS || type == URI) {
                        names.add(String.valueOf(alternative.get(1)));
                    }
                }
            }
        } catch (InvalidNameException | CertificateParsingException e) {
            throw new IllegalArgumentException("unreadable client certificate: " + e.getMessage(), e);
        }
        return names;
    }
}
