package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.access.Grant;

import java.util.List;

/** A permission group: its members get its grants. */
public record Group(String name, String description, List<Grant> grants) {

    public Group {
        grants = List.copyOf(grants);
    }
}
