package dev.shipgate.approval.access.domain;

import dev.shipgate.contracts.identity.UserIds;

import java.util.Collection;
import java.util.Comparator;

/**
 * Turns a user named from outside (an image's builder, a named approver) into a user id. Design rule 12 and issue
 * 15: {@code BOB}, {@code " bob "} and {@code Bob@Example.com} all name bob.
 *
 * <p>The rule: the canonical form of the reference ({@link UserIds#canonical}); when that is no user's id but looks
 * like an e-mail address, the id of the user whose address it is, compared in canonical form (so case-insensitive).
 * An address nobody has stays as its canonical form: it then matches nobody, which is right for a builder (CI may
 * report people who have no Shipgate account, and none of them can approve) and makes a named approver ineligible.
 * When two users share an address, the lowest id is taken, so the answer does not depend on storage order.
 */
public final class UserReferences {

    private UserReferences() {
    }

    /**
     * @param reference an id or e-mail address in any spelling; null stays null
     * @param users     every known user
     * @return the canonical id of the user meant, or the canonical reference when it names no user
     */
    public static String resolve(String reference, Collection<User> users) {
        String canonical = UserIds.canonical(reference);
        if (canonical == null || !UserIds.isEmailAddress(canonical)
                || users.stream().anyMatch(user -> canonical.equals(user.id()))) {
            return canonical;
        }
        return users.stream()
                .filter(user -> canonical.equals(UserIds.canonical(user.email())))
                .map(User::id)
                .min(Comparator.naturalOrder())
                .orElse(canonical);
    }
}
