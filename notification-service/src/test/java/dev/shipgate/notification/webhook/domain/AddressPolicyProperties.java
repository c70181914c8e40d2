package dev.shipgate.notification.webhook.domain;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The address policy against the JDK's own classification (an oracle written by others): whatever the JDK calls
 * loopback, link-local, site-local, multicast or "any" is refused, in both families and inside IPv4-mapped IPv6; the
 * ranges the JDK has no method for are checked by example.
 */
class AddressPolicyProperties {

    private final AddressPolicy nothingAllowed = new AddressPolicy(List.of());

    @Property(tries = 3000)
    void whatever_the_jdk_calls_internal_is_refused(@ForAll("addresses") InetAddress address) {
        boolean jdkInternal = address.isLoopbackAddress() || address.isLinkLocalAddress()
                || address.isSiteLocalAddress() || address.isMulticastAddress() || address.isAnyLocalAddress();
        if (jdkInternal) {
            assertThat(nothingAllowed.refusal("host.example", List.of(address))).isPresent();
            assertThat(nothingAllowed.refusal("host.example", List.of(mapped(address)))).isPresent();
        }
    }

    @Property(tries = 1000)
    void one_internal_address_among_public_ones_refuses_the_host(@ForAll("internal") InetAddress internal) {
        assertThat(nothingAllowed.refusal("rebound.example", List.of(ip("8.8.8.8"), internal, ip("1.1.1.1"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains(internal.getHostAddress()));
    }

    @Property(tries = 1000)
    void an_allow_listed_range_lets_its_addresses_through_and_no_others(@ForAll("internal") InetAddress internal) {
        AddressPolicy allowing = new AddressPolicy(List.of("10.1.0.0/16"));
        boolean inRange = IpRange.parse("10.1.0.0/16").contains(internal);
        assertThat(allowing.refusal("h.example", List.of(internal)).isEmpty()).isEqualTo(inRange);
    }

    @Example
    void the_ranges_the_jdk_does_not_name_are_refused_too() {
        for (String address : List.of("100.64.0.1", "100.127.255.254", "0.1.2.3", "192.0.0.8", "198.18.0.1",
                "240.0.0.1", "255.255.255.255", "fc00::1", "fdff:ffff::1", "64:ff9b::a00:1", "::ffff:169.254.1.1",
                "::")) {
            assertThat(nothingAllowed.refusal("h.example", List.of(ip(address)))).as(address).isPresent();
        }
    }

    @Example
    void public_addresses_and_allow_listed_hosts_pass() {
        for (String address : List.of("8.8.8.8", "1.1.1.1", "100.128.0.1", "172.32.0.1", "2606:4700::1111",
                "64:ff9b::808:808")) {
            assertThat(nothingAllowed.refusal("h.example", List.of(ip(address)))).as(address).isEmpty();
        }
        AddressPolicy allowing = new AddressPolicy(List.of("Receiver.Internal", "fd00::/8"));
        assertThat(allowing.refusal("receiver.internal", List.of(ip("10.0.0.1")))).isEmpty();
        assertThat(allowing.allowsHost("RECEIVER.internal")).isTrue();
        assertThat(allowing.refusal("other.internal", List.of(ip("fd12::1")))).isEmpty();
        assertThat(allowing.refusal("other.internal", List.of(ip("10.0.0.1")))).isPresent();
        assertThat(nothingAllowed.refusal("nowhere.example", List.of())).isPresent();
    }

    @Provide
    Arbitrary<InetAddress> addresses() {
        Arbitrary<InetAddress> v4 = Arbitraries.bytes().array(byte[].class).ofSize(4).map(AddressPolicyProperties::of);
        Arbitrary<InetAddress> v6 = Arbitraries.bytes().array(byte[].class).ofSize(16)
                .map(AddressPolicyProperties::of);
        return Arbitraries.oneOf(v4, v6, internal());
    }

    @Provide
    Arbitrary<InetAddress> internal() {
        return Arbitraries.of("10.", "127.", "169.254.", "192.168.", "172.16.", "172.31.", "10.1.")
                .flatMap(prefix -> Arbitraries.integers().between(0, 255).list().ofSize(4 - dots(prefix))
                        .map(rest -> ip(prefix + String.join(".", rest.stream().map(String::valueOf).toList()))));
    }

    private static int dots(String prefix) {
        return (int) prefix.chars().filter(c -> c == '.').count();
    }

    private static InetAddress mapped(InetAddress address) {
        byte[] b = address.getAddress();
        if (b.length == 16) {
            return address;
        }
        byte[] v6 = new byte[16];
        v6[10] = (byte) 0xFF;
        v6[11] = (byte) 0xFF;
        System.arraycopy(b, 0, v6, 12, 4);
        try {
            // getByAddress would turn it back into IPv4: build the IPv6 form explicitly
            return java.net.Inet6Address.getByAddress(null, v6, -1);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress of(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
