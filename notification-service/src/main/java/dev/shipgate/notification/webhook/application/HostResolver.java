package dev.shipgate.notification.webhook.application;

import java.net.InetAddress;
import java.util.List;

/** Every address a host name resolves to now (a literal address resolves to itself); empty when it does not. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host);
}
