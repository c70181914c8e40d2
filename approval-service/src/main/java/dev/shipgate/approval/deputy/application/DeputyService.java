package dev.shipgate.approval.deputy.application;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.deputy.domain.Deputy;
import dev.shipgate.approval.deputy.domain.DeputyRefusal;
import dev.shipgate.approval.deputy.domain.DeputyRules;
import dev.shipgate.contracts.identity.UserIds;

import java.time.Clock;
import java.time.Instant;

/**
 * Naming, reading and removing an approver's deputy ({@link DeputyRules}). The approver themself or a super admin
 * may do each; anyone else is refused with {@code NOT_YOUR_DEPUTY}.
 */
public class DeputyService {

    private final Deputies deputies;
    private final AccessDirectory access;
    private final Clock clock;

    public DeputyService(Deputies deputies, AccessDirectory access, Clock clock) {
        this.deputies = deputies;
        this.access = access;
        this.clock = clock;
    }

    /** Names {@code deputyId} as {@code approverId}'s deputy for {@code [from, until)}, replacing any naming. */
    public Deputy name(String callerId, String approverId, String deputyId, Instant from, Instant until) {
        Actor caller = access.actor(callerId);
        String approver = UserIds.canonical(approverId);
        String deputyRef = access.resolve(deputyId);
        boolean known = access.find(deputyRef).map(found -> found.user().active()).orElse(false);
        Instant now = clock.instant();
        DeputyRules.check(caller, approver, access.actor(deputyRef), known, from, until, now).ifPresent(refusal -> {
            throw refusal.exception();
        });
        Deputy deputy = new Deputy(approver, deputyRef, from, until, caller.userId(), now);
        deputies.save(deputy);
        return deputy;
    }

    public Deputy get(String callerId, String approverId) {
        allowed(callerId, approverId);
        return deputies.of(UserIds.canonical(approverId)).orElseThrow(() -> DeputyRefusal.NO_DEPUTY
                .because(approverId + " has named no deputy").exception());
    }

    public void remove(String callerId, String approverId) {
        allowed(callerId, approverId);
        if (!deputies.remove(UserIds.canonical(approverId))) {
            throw DeputyRefusal.NO_DEPUTY.because(approverId + " has named no deputy").exception();
        }
    }

    private void allowed(String callerId, String approverId) {
        DeputyRules.mayManage(access.actor(callerId), approverId).ifPresent(refusal -> {
            throw refusal.exception();
        });
    }
}
