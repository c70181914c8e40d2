package dev.shipgate.notification.webhook.domain;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** A CIDR range such as {@code 10.0.0.0/8} or {@code fc00::/7}; an address of the other family is never in it. */
record IpRange(byte[] network, int prefixLength) {

    public IpRange {
        network = network.clone();
        if (prefixLength < 0 || prefixLength > network.length * 8) {
            throw new IllegalArgumentException("prefix length " + prefixLength + " is out of range");
        }
    }

    /**
     * A range from {@code address/prefix}, or one address without a prefix. Only literal addresses: nothing is looked
     * up.
     *
     * @throws IllegalArgumentException when it is not a literal address or range
     */
    public static IpRange parse(String cidr) {
        String text = cidr.strip();
        int slash = text.indexOf('/');
        String address = slash < 0 ? text : text.substring(0, slash);
        if (!Addresses.isLiteral(address)) {
            throw new IllegalArgumentException("not an IP address or range: " + cidr);
        }
        try {
            byte[] bytes = InetAddress.getByName(address).getAddress();
            int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
            return new IpRange(bytes, prefix);
        } catch (UnknownHostException | NumberFormatException e) {
            throw new IllegalArgumentException("not an IP address or range: " + cidr, e);
        }
    }

    public boolean contains(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (bytes.length != network.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (bytes[i] != network[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (bytes[full] & mask) == (network[full] & mask);
    }
}
