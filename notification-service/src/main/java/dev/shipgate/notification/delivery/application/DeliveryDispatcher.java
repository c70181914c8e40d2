package dev.shipgate.notification.delivery.application;

import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.delivery.domain.DeliveryStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends the pending deliveries that are due; a failed send is tried again later, with a growing pause.
 * <p>
 * A delivery this instance has just made is stored already claimed by it ({@link #claimOnArrival}) and handed to it
 * ({@link #arrived}): its first pass sends it with no read and no claim of its own, two database commands fewer per
 * mail. Otherwise a pass reads by id the pending deliveries this instance knows of: the ones it is retrying.
 * At the first pass and then once per {@code fullReadInterval} it reads every due delivery instead, which picks up
 * what another instance left: without an index on the status (the embedded database has none) that read scans every
 * delivery ever made, and at every pass it grew with the mail history.
 * <p>
 * Several instances share the work: a dispatcher claims each due delivery before sending it, by a conditional update
 * that pushes its next attempt forward by {@code claimDuration} (keyed on its attempts and next attempt time as read,
 * so one of two dispatchers wins). Claimed, it is due to no other instance; if its claimer dies before recording the
 * outcome, it is due again when the claim ends and another instance sends it. A claimer that died after the SMTP
 * server took the mail, before recording it, means that mail goes out twice: the same message, by its Message-ID.
 */
public class DeliveryDispatcher {

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);

    private final Deliveries deliveries;
    private final Mailer mailer;
    private final Clock clock;
    static final int BATCH = 100;
    static final int SEND_GROUP = 10;
    static final int OUTCOME_WRITE_ATTEMPTS = 120;
    static final long OUTCOME_WRITE_PAUSE_MILLIS = 500;

    private final int maxAttempts;
    private final Duration firstPause;
    private final Duration fullReadInterval;
    private final Duration claimDuration;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, Delivery> arrived = new ConcurrentHashMap<>(); // stored claimed by this instance
    private Instant nextFullRead = Instant.MIN;

    /** @param claimDuration how long a delivery being sent is due to no other instance (the lease duration) */
    public DeliveryDispatcher(Deliveries deliveries, Mailer mailer, Clock clock, int maxAttempts,
                              Duration firstPause, Duration fullReadInterval, Duration claimDuration) {
        this.deliveries = deliveries;
        this.mailer = mailer;
        this.clock = clock;
        this.maxAttempts = maxAttempts;
        this.firstPause = firstPause;
        this.fullReadInterval = fullReadInterval;
        this.claimDuration = claimDuration;
    }

    /**
     * A new delivery as this instance stores it: claimed by it for {@code claimDuration}, so that no other instance
     * sends it meanwhile; if this instance dies before sending it, it is due again when the claim ends.
     */
    public Delivery claimOnArrival(Delivery pending) {
        return pending.claimedUntil(claimEnd());
    }

    /** Deliveries this instance has just stored as {@link #claimOnArrival} made them: the next pass sends them. */
    public void arrived(Collection<Delivery> stored) {
        stored.forEach(delivery -> arrived.put(delivery.id(), delivery));
    }

    /**
     * Sends what is due, a few at a time over one connection; returns how many were sent. Not thread-safe.
     * <p>
     * Each group of {@link #SEND_GROUP} is claimed just before it is sent, not the whole batch at once: a claim lasts
     * {@code claimDuration}, and a batch of a hundred slow sends could outlast it, letting another instance claim and
     * send the rest a second time.
     */
    public int dispatchDue() {
        int sent = 0;
        List<Delivery> due = due();
        while (!due.isEmpty()) {
            for (int from = 0; from < due.size(); from += SEND_GROUP) {
                List<Delivery> group = due.subList(from, Math.min(from + SEND_GROUP, due.size()));
                GroupOutcome outcome = claimAndSend(group);
                sent += outcome.sent();
                if (outcome.failed() > 0) {
                    // the server has trouble: wait for the next pass rather than hammer it, which sends what arrived
                    // here and was not tried yet
                    due.subList(Math.min(from + SEND_GROUP, due.size()), due.size()).stream()
                            .filter(delivery -> delivery.nextAttemptAt().isAfter(clock.instant()))
                            .forEach(delivery -> arrived.putIfAbsent(delivery.id(), delivery));
                    return sent;
                }
            }
            if (due.size() < BATCH) {
                break; // that was all (mail queued since wakes its own pass)
            }
            due = due();
        }
        return sent;
    }

    private record GroupOutcome(int sent, int failed) {
    }

    private GroupOutcome claimAndSend(List<Delivery> group) {
        List<Delivery> claimed = claim(group);
        Map<String, String> failed = claimed.isEmpty() ? Map.of() : mailer.send(claimed);
        int sent = 0;
        for (Delivery delivery : claimed) {
            String reason = failed.get(delivery.id());
            if (reason == null) {
                record(delivery.sent(clock.instant()), delivery);
                known.remove(delivery.id());
                sent++;
            } else {
                Delivery next = delivery.attemptFailed(reason, clock.instant(), maxAttempts, firstPause);
                record(next, delivery);
                if (next.status() == DeliveryStatus.PENDING) {
                    known.add(next.id());
                } else {
                    known.remove(next.id());
                }
                log.warn("delivery {} attempt {} failed: {}", delivery.id(), next.attempts(), reason);
            }
        }
        return new GroupOutcome(sent, failed.size());
    }

    /**
     * The due deliveries this dispatcher could claim, as claimed; another instance is sending the others. A delivery
     * that arrived claimed by this instance keeps that claim while at least half of it is left.
     */
    private List<Delivery> claim(List<Delivery> due) {
        Instant until = claimEnd();
        Instant stillMine = clock.instant().plus(claimDuration.dividedBy(2));
        List<Delivery> claimed = new ArrayList<>();
        for (Delivery delivery : due) {
            if (delivery.nextAttemptAt().isAfter(stillMine)) { // only an arrived one: the others were due by now
                claimed.add(delivery);
                continue;
            }
            Delivery mine = delivery.claimedUntil(until);
            if (deliveries.claim(delivery, mine)) {
                claimed.add(mine);
            }
        }
        return claimed;
    }

    /** Whole milliseconds, as the database keeps them: the outcome's write finds the claim by its exact time. */
    private Instant claimEnd() {
        return clock.instant().plus(claimDuration).truncatedTo(ChronoUnit.MILLIS);
    }

    /** What arrived claimed by this instance, then what the database says is due (at most {@link #BATCH}). */
    private List<Delivery> due() {
        List<Delivery> due = new ArrayList<>();
        for (Delivery delivery : List.copyOf(arrived.values())) {
            if (due.size() < BATCH && arrived.remove(delivery.id(), delivery)) {
                due.add(delivery);
            }
        }
        List<Delivery> stored = stored(BATCH - due.size());
        due.addAll(stored);
        return due;
    }

    private List<Delivery> stored(int limit) {
        if (limit == 0) {
            return List.of();
        }
        Instant now = clock.instant();
        if (!now.isBefore(nextFullRead)) {
            List<Delivery> due = deliveries.due(now, limit);
            if (due.size() < limit) { // else more are due: the next read is a full one too
                nextFullRead = now.plus(fullReadInterval);
            }
            return due;
        }
        if (known.isEmpty()) {
            return List.of();
        }
        Set<String> asked = Set.copyOf(known);
        Set<String> pending = new HashSet<>();
        List<Delivery> due = new ArrayList<>();
        for (Delivery delivery : deliveries.findAll(asked)) {
            if (delivery.status() == DeliveryStatus.PENDING) {
                pending.add(delivery.id());
                if (!delivery.nextAttemptAt().isAfter(now) && due.size() < limit) {
                    due.add(delivery);
                }
            }
        }
        asked.stream().filter(id -> !pending.contains(id)).forEach(known::remove); // sent or given up elsewhere
        return due;
    }

    /**
     * The mail has been handed over: its outcome must be written, or the next pass would send it again. So a database
     * that is away for a moment is waited for (up to a minute) rather than given up on.
     */
    private void record(Delivery outcome, Delivery claimed) {
        RuntimeException last = null;
        for (int attempt = 0; attempt < OUTCOME_WRITE_ATTEMPTS; attempt++) {
            try {
                if (!deliveries.update(outcome, claimed)) {
                    log.warn("delivery {}: its claim ran out before the outcome was recorded", outcome.id());
                }
                return;
            } catch (RuntimeException e) {
                last = e;
                log.warn("cannot record delivery {} yet: {}", outcome.id(), e.getMessage());
                try {
                    Thread.sleep(OUTCOME_WRITE_PAUSE_MILLIS);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw last;
    }
}
