package dev.shipgate.notification.webhook.domain;

/** Tells a literal IP address from a host name without looking anything up. */
final class Addresses {

    private Addresses() {
    }

    static boolean isLiteral(String host) {
        if (host.indexOf(':') >= 0) {
            return host.matches("[0-9A-Fa-f:.]+(%[A-Za-z0-9]+)?"); // IPv6, maybe with an embedded IPv4 address
        }
        return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
    }
}
