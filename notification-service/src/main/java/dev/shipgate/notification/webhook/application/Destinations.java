package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.notification.webhook.domain.AddressPolicy;
import dev.shipgate.notification.webhook.domain.WebhookRefusal;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * Which URLs webhooks and chat messages may go to: absolute https URLs (plain http only to a host an administrator
 * allow-listed by name), no user info, and a host that resolves only to public addresses ({@link AddressPolicy}).
 * Checked when subscribing and again before every attempt.
 */
public class Destinations {

    static final int URL_MAX = 2000;

    private final AddressPolicy policy;
    private final HostResolver resolver;

    public Destinations(AddressPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * The URL, if it may be subscribed to.
     *
     * @throws RefusedException WEBHOOK_URL_INVALID or WEBHOOK_URL_NOT_PUBLIC, with the field {@code url}
     */
    public URI accept(String url) {
        URI uri = parse(url).orElseThrow(() -> refusal(WebhookRefusal.WEBHOOK_URL_INVALID,
                "url must be an absolute https URL without user info, at most " + URL_MAX + " characters"));
        refusal(uri).ifPresent(reason -> {
            throw refusal(WebhookRefusal.WEBHOOK_URL_NOT_PUBLIC, reason + "; an administrator can allow the host "
                    + "(shipgate.webhooks.allowed-destinations)");
        });
        return uri;
    }

    /** Why this URL may not be called now (its host resolves to an internal address); empty when it may. */
    public Optional<String> refusal(URI uri) {
        return policy.refusal(uri.getHost(), resolver.resolve(uri.getHost()));
    }

    private Optional<URI> parse(String url) {
        if (url == null || url.length() > URL_MAX) {
            return Optional.empty();
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            boolean schemeOk = scheme.equals("https") || scheme.equals("http") && uri.getHost() != null
                    && policy.allowsHost(uri.getHost());
            boolean ok = schemeOk && uri.getHost() != null && uri.getRawUserInfo() == null && uri.getFragment() == null;
            return ok ? Optional.of(uri) : Optional.empty();
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static RefusedException refusal(WebhookRefusal code, String detail) {
        return code.because(detail).with("field", "url").exception();
    }
}
