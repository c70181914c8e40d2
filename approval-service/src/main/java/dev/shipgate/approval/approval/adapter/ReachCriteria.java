package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.domain.Reach;
import dev.shipgate.contracts.access.Scope;
import org.springframework.data.mongodb.core.query.Criteria;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@link Reach} as a MongoDB filter on the scope fields of a document: one of the reach's scopes contains the
 * document's scope, i.e. each of its fields is {@code *} or equal to the document's ({@link Scope#contains}). A
 * document field that is {@code *}, blank or missing equals no concrete grant value, as in {@link Scope}.
 */
final class ReachCriteria {

    private ReachCriteria() {
    }

    /**
     * @param prefix where the scope fields are ({@code image.} gives image.project, image.application,
     *               image.environment)
     * @return empty when the reach is everywhere (nothing to filter)
     */
    static Optional<Criteria> of(Reach reach, String prefix) {
        if (reach.everywhere() || reach.scopes().stream().anyMatch(scope -> scope.contains(Scope.everywhere()))) {
            return Optional.empty();
        }
        if (reach.scopes().isEmpty()) {
            return Optional.of(Criteria.where("_id").in(List.of()));
        }
        List<Criteria> anyScope = new ArrayList<>();
        for (Scope scope : reach.scopes()) {
            Criteria inScope = new Criteria();
            field(inScope, prefix + "project", scope.project());
            field(inScope, prefix + "application", scope.application());
            field(inScope, prefix + "environment", scope.environment());
            anyScope.add(inScope);
        }
        return Optional.of(anyScope.size() == 1 ? anyScope.get(0) : new Criteria().orOperator(anyScope));
    }

    private static void field(Criteria criteria, String field, String granted) {
        if (!Scope.ALL.equals(granted)) {
            criteria.and(field).is(granted);
        }
    }
}
