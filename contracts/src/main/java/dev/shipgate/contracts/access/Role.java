package dev.shipgate.contracts.access;

/**
 * Roles granted on a scope. VIEW, BUILD_AND_DEPLOY, ADMIN and MANAGER are ranked: each includes the ones before it.
 * IMAGE_APPROVER is additive: no other role implies it. SUPER_ADMIN is global and includes everything, and super
 * admins are the default image approvers.
 */
public enum Role {
    VIEW(1),
    BUILD_AND_DEPLOY(2),
    ADMIN(3),
    MANAGER(4),
    IMAGE_APPROVER(0),
    SUPER_ADMIN(5);

    private final int rank;

    Role(int rank) {
        this.rank = rank;
    }

    /** The roles holding this one gives, this one included, in declaration order. */
    public java.util.List<Role> included() {
        return java.util.Arrays.stream(values()).filter(this::includes).toList();
    }

    /** Whether holding this role gives {@code wanted}. */
    public boolean includes(Role wanted) {
        if (this == SUPER_ADMIN || this == wanted) {
            return true;
        }
        return wanted != IMAGE_APPROVER && this != IMAGE_APPROVER && rank >= wanted.rank;
    }
}
