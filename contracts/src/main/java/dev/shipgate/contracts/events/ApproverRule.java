package dev.shipgate.contracts.events;

/** At least {@code approvals} of the approvals must come from members of {@code group}. */
public record ApproverRule(String group, int approvals) {
}
