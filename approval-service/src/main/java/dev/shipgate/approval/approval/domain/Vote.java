package dev.shipgate.approval.approval.domain;

import java.time.Instant;
import java.util.List;

/** One approver's approval; the groups they were in when they voted decide which approver rules it counts for. */
public record Vote(String userId, List<String> groups, String comment, Instant at) {

    public Vote {
        groups = List.copyOf(groups);
    }
}
