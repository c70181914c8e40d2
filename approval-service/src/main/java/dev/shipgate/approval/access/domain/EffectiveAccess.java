package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.UserAccessChanged;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A user's grants in effect: their own plus those of their groups. An inactive user has none. {@link #of} keeps
 * every grant, ended ones too (the published access carries each grant's end); {@link #at} keeps those that count
 * at a moment, which is what decisions use.
 */
public record EffectiveAccess(User user, List<Grant> grants) {

    /** The grants that count at {@code t}: a time-boxed grant stops counting at its end (issue 18). */
    public static EffectiveAccess of(User user, Collection<Group> allGroups, Instant t) {
        return of(user, allGroups).at(t);
    }

    /** This access at {@code t}: without the grants that ended by then ({@link Grant#countsAt}). */
    public EffectiveAccess at(Instant t) {
        return new EffectiveAccess(user, grants.stream().filter(grant -> grant.countsAt(t)).toList());
    }

    public static EffectiveAccess of(User user, Collection<Group> allGroups) {
        if (!user.active()) {
            return new EffectiveAccess(user, List.of());
        }
        Map<String, Group> byName = allGroups.stream().collect(Collectors.toMap(Group::name, Function.identity()));
        List<Grant> grants = new ArrayList<>(user.grants());
        user.groups().stream().map(byName::get).filter(Objects::nonNull).forEach(g -> grants.addAll(g.grants()));
        return new EffectiveAccess(user, grants.stream().distinct().toList());
    }

    public Permissions permissions() {
        return new Permissions(user.id(), grants);
    }

    public UserAccessChanged toEvent() {
        return new UserAccessChanged(user.id(), user.email(), user.displayName(), user.active(), user.groups(),
                grants.stream().map(Grant::toBinding).toList());
    }
}
