package dev.shipgate.approval.deputy.application;

import dev.shipgate.approval.deputy.domain.Deputy;

import java.util.Optional;

/** Each approver's deputy: at most one naming per approver; naming again replaces it. */
public interface Deputies {

    Optional<Deputy> of(String approver);

    void save(Deputy deputy);

    /** Removes the approver's deputy; whether there was one. */
    boolean remove(String approver);

    /** Nobody has a deputy (tests and callers that do not delegate). */
    static Deputies none() {
        return new Deputies() {
            @Override
            public Optional<Deputy> of(String approver) {
                return Optional.empty();
            }

            @Override
            public void save(Deputy deputy) {
                throw new UnsupportedOperationException("no deputies here");
            }

            @Override
            public boolean remove(String approver) {
                return false;
            }
        };
    }
}
