package dev.shipgate.notification.webhook.domain;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Where Shipgate may send webhooks and chat messages (server-side request forgery): never to an address inside this
 * network or the machine itself, unless an administrator allow-lists the host name or the range. Asked with every
 * address a host resolves to, at subscription and again before every attempt (a name may resolve elsewhere later:
 * DNS rebinding). One refused address refuses the host.
 * <p>
 * Refused ranges (IANA special-purpose registries, RFC 6890): IPv4 "this network" 0/8, private 10/8, 172.16/12,
 * 192.168/16, shared 100.64/10, loopback 127/8, link-local 169.254/16, IETF 192.0.0/24, benchmarking 198.18/15,
 * multicast 224/4, reserved 240/4 (with broadcast); IPv6 unspecified and loopback, IPv4-mapped ::ffff:0:0/96 and
 * NAT64 64:ff9b::/96 (judged by the IPv4 address inside), unique-local fc00::/7, link-local fe80::/10, site-local
 * fec0::/10, multicast ff00::/8.
 */
public final class AddressPolicy {

    static final List<IpRange> REFUSED = Arrays.stream(new String[]{
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
            "::/128", "::1/128", "fc00::/7", "fe80::/10", "fec0::/10", "ff00::/8"}).map(IpRange::parse).toList();

    private final Set<String> allowedHosts;
    private final List<IpRange> allowedRanges;

    /** @param allowed host names (exact, any case) and literal addresses or CIDR ranges an administrator allows */
    public AddressPolicy(List<String> allowed) {
        this.allowedHosts = allowed.stream().map(String::strip).filter(a -> !a.isEmpty())
                .filter(a -> !Addresses.isLiteral(a.contains("/") ? a.substring(0, a.indexOf('/')) : a))
                .map(a -> a.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        this.allowedRanges = allowed.stream().map(String::strip).filter(a -> !a.isEmpty())
                .filter(a -> Addresses.isLiteral(a.contains("/") ? a.substring(0, a.indexOf('/')) : a))
                .map(IpRange::parse).toList();
    }

    /** Whether an administrator allow-listed this host by name (which also allows plain http to it). */
    public boolean allowsHost(String host) {
        return allowedHosts.contains(host.toLowerCase(Locale.ROOT));
    }

    /**
     * Why {@code host}, resolved to {@code addresses}, may not be called; empty when it may.
     */
    public Optional<String> refusal(String host, List<InetAddress> addresses) {
        if (allowsHost(host)) {
            return Optional.empty();
        }
        if (addresses.isEmpty()) {
            return Optional.of(host + " resolves to no address");
        }
        for (InetAddress address : addresses) {
            if (isInternal(address) && allowedRanges.stream().noneMatch(range -> range.contains(address))) {
                return Optional.of(host + " resolves to " + address.getHostAddress()
                        + ", which is not a public address (loopback, link-local, private, unique-local, multicast"
                        + " or reserved)");
            }
        }
        return Optional.empty();
    }

    /** Whether the address lies in one of the {@link #REFUSED} ranges, IPv4 inside IPv6 judged as IPv4. */
    public static boolean isInternal(InetAddress address) {
        InetAddress judged = embeddedIpv4(address).orElse(address);
        return REFUSED.stream().anyMatch(range -> range.contains(judged));
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return Optional.empty();
        }
        byte[] b = address.getAddress();
        boolean mapped = allZero(b, 0, 10) && b[10] == (byte) 0xFF && b[11] == (byte) 0xFF;
        boolean nat64 = b[0] == 0x00 && b[1] == 0x64 && b[2] == (byte) 0xFF && b[3] == (byte) 0x9B
                && allZero(b, 4, 12);
        if (!mapped && !nat64) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
        } catch (UnknownHostException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private static boolean allZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
