package dev.shipgate.approval.approval.domain;

import java.time.Instant;
import java.util.List;

/**
 * One approver's approval. {@code groups} records the groups they were in when they voted, for the history only: which
 * rules a vote counts toward, and whether it counts at all, is decided from the voter's groups and permissions at the
 * moment the request is judged (see {@link Tally}).
 */
public record Vote(String userId, List<String> groups, String comment, Instant at) {

    public Vote {
        groups = List.copyOf(groups);
    }
}
