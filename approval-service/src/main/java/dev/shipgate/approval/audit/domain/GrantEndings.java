package dev.shipgate.approval.audit.domain;

import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.events.Channel;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The audit lines of time-boxed grants that have ended (issue 18), computed on read from the access as stored: one
 * {@code GRANT_ENDED} line per grant whose {@code until} is at or before {@code now}, dated at that end, by
 * {@code system}. Computed rather than written when first seen, so the line carries the exact end (no sweep lag),
 * exists once however many instances run, and needs no writer; it lasts as long as the grant is stored.
 */
public final class GrantEndings {

    public static final String ACTION = "GRANT_ENDED";

    private GrantEndings() {
    }

    /**
     * Every ended grant of {@code users} (direct) and {@code groups}, as audit lines; {@code holder} of each
     * (a user id, or {@code group:<name>}) is in its detail and key.
     */
    public static List<Ended> at(Instant now, List<User> users, List<Group> groups) {
        List<Ended> ended = new ArrayList<>();
        users.forEach(user -> user.grants().stream().filter(g -> g.endedBy(now))
                .forEach(g -> ended.add(new Ended(user.id(), g))));
        groups.forEach(group -> group.grants().stream().filter(g -> g.endedBy(now))
                .forEach(g -> ended.add(new Ended("group:" + group.name(), g))));
        return ended;
    }

    /** One ended grant of {@code holder}: a user id, or {@code group:<name>}. */
    public record Ended(String holder, Grant grant) {

        public AuditRecord toRecord() {
            String scope = grant.scope().project() + " / " + grant.scope().application() + " / "
                    + grant.scope().environment();
            // at the millisecond, as the database keeps the other records' times and as a cursor holds them
            return new AuditRecord(grant.until().truncatedTo(ChronoUnit.MILLIS), "system", ACTION,
                    AuditRecord.Outcome.DONE, null,
                    grant.role() + " on " + scope + " of " + holder + " ended at " + grant.until(), Channel.system(),
                    null, null, null, null, null, "g:" + holder + ":" + grant.role() + ":" + scope);
        }
    }
}
