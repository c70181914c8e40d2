package dev.shipgate.notification.recipient.application;

import java.util.List;

/** Which approvers were notified of a request, so they can be told when it is cancelled or expires. */
public interface RequestMemory {

    void remember(String requestId, List<String> approvers);

    List<String> approversOf(String requestId);
}
