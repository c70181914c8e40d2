package dev.shipgate.approval.deputy.domain;

import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.refusal.Refusal;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Who may name a deputy, for which period, and whom a request asks while approvers are away (issue 19,
 * "Delegation").
 *
 * <ul>
 *   <li>Only the approver themself or a super admin names the approver's deputy; nobody is their own deputy; the
 *       deputy is a known, active person (not a service account).</li>
 *   <li>The period is {@code [from, until)}, {@code until} after {@code from} and after now, at most
 *       {@link #LONGEST} long.</li>
 *   <li>A request that would ask an approver whose period covers the moment it is opened asks the deputy instead.
 *       One hop only: the deputy's own deputy is never asked in their place, so naming deputies can never pass a
 *       request along a chain.</li>
 *   <li>A deputy gets no rights: they vote with their own grants, and the requester and builder rules apply to them
 *       as to anyone ({@code ApprovalRequest.checkVoter} is not told about deputies at all).</li>
 * </ul>
 */
public final class DeputyRules {

    /** The longest out-of-office period one naming covers. */
    public static final Duration LONGEST = Duration.ofDays(366);

    private DeputyRules() {
    }

    /**
     * Why {@code caller} may not name {@code deputy} as {@code approverId}'s deputy for {@code [from, until)} at
     * {@code now}, or empty when they may.
     *
     * @param deputyKnown whether the deputy is a known, active user
     */
    public static Optional<Refusal> check(Actor caller, String approverId, Actor deputy, boolean deputyKnown,
                                          Instant from, Instant until, Instant now) {
        Optional<Refusal> notYours = mayManage(caller, approverId);
        if (notYours.isPresent()) {
            return notYours;
        }
        if (UserIds.same(approverId, deputy.userId())) {
            return Optional.of(DeputyRefusal.SELF_DEPUTY.because("an approver cannot be their own deputy", "deputy"));
        }
        if (!deputyKnown) {
            return Optional.of(DeputyRefusal.UNKNOWN_DEPUTY.because("no active user " + deputy.userId(), "deputy"));
        }
        if (deputy.serviceAccount()) {
            return Optional.of(DeputyRefusal.DEPUTY_IS_SERVICE_ACCOUNT.because(deputy.userId()
                    + " is a service account: approvals come from people", "deputy"));
        }
        if (!until.isAfter(from)) {
            return Optional.of(DeputyRefusal.PERIOD_INVALID.because("until must be after from", "until"));
        }
        if (!until.isAfter(now)) {
            return Optional.of(DeputyRefusal.PERIOD_OVER.because("the period ended at " + until, "until"));
        }
        if (Duration.between(from, until).compareTo(LONGEST) > 0) {
            return Optional.of(DeputyRefusal.PERIOD_TOO_LONG.because("a period lasts at most "
                    + LONGEST.toDays() + " days", "until"));
        }
        return Optional.empty();
    }

    /** Why {@code caller} may not name, see or remove {@code approverId}'s deputy, or empty when they may. */
    public static Optional<Refusal> mayManage(Actor caller, String approverId) {
        if (UserIds.same(caller.userId(), approverId) || caller.permissions().isSuperAdmin()) {
            return Optional.empty();
        }
        return Optional.of(DeputyRefusal.NOT_YOUR_DEPUTY.because("only " + approverId
                + " or a super admin names, sees or removes " + approverId + "'s deputy"));
    }

    /**
     * The stand-ins for a request opened at {@code now} that would ask {@code asked}: one per asked approver whose
     * deputy's period covers {@code now}, in the order asked.
     *
     * @param deputyOf each approver's deputy, if one is named
     */
    public static List<StandIn> standIns(List<String> asked, Function<String, Optional<Deputy>> deputyOf,
                                         Instant now) {
        List<StandIn> standIns = new ArrayList<>();
        for (String approver : asked) {
            deputyOf.apply(UserIds.canonical(approver)).filter(deputy -> deputy.inForceAt(now))
                    .ifPresent(d -> standIns.add(new StandIn(d.approver(), d.deputy(), d.until())));
        }
        return standIns;
    }

    /** Whom the request asks: {@code asked} with each approver who is away replaced by their deputy, each once. */
    public static List<String> askedWith(List<String> asked, List<StandIn> standIns) {
        return asked.stream().map(approver -> standIns.stream()
                        .filter(standIn -> UserIds.same(standIn.approver(), approver))
                        .map(StandIn::deputy).findFirst().orElse(UserIds.canonical(approver)))
                .distinct().toList();
    }

    /** Whose deputy {@code voter} is on a request with {@code standIns} at {@code now}, if anyone's. */
    public static Optional<String> deputyOf(String voter, List<StandIn> standIns, Instant now) {
        return standIns.stream()
                .filter(standIn -> UserIds.same(standIn.deputy(), voter) && now.isBefore(standIn.until()))
                .map(StandIn::approver).findFirst();
    }
}
