package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.access.Scope;

import java.util.List;

/**
 * The places some of a caller's grants reach for one question (who may see, who may approve), in the form a list
 * query needs: everywhere (a super admin), or the grants' scopes, a target being reached when one of them
 * {@link Scope#contains contains} it. Empty when no grant answers the question.
 */
public record Reach(boolean everywhere, List<Scope> scopes) {

    public Reach {
        scopes = List.copyOf(scopes);
    }

    public static Reach nowhere() {
        return new Reach(false, List.of());
    }

    public boolean isEmpty() {
        return !everywhere && scopes.isEmpty();
    }

    public boolean contains(Scope target) {
        return everywhere || scopes.stream().anyMatch(scope -> scope.contains(target));
    }
}
