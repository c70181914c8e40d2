package dev.shipgate.contracts.access;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PermissionsTest {

    private static final Scope PAYMENTS_PROD = new Scope("shop", "payments", "prod");
    private static final Scope PAYMENTS_STAGING = new Scope("shop", "payments", "staging");
    private static final Scope BILLING_PROD = new Scope("shop", "billing", "prod");

    private static Permissions holding(Role role, Scope scope) {
        return new Permissions("u", List.of(new Grant(role, scope)));
    }

    @Test
    void a_ranked_role_includes_the_roles_below_it() {
        var manager = holding(Role.MANAGER, PAYMENTS_PROD);

        assertThat(manager.canView(PAYMENTS_PROD)).isTrue();
        assertThat(manager.canBuildAndDeploy(PAYMENTS_PROD)).isTrue();
        assertThat(manager.canAdminister(PAYMENTS_PROD)).isTrue();
        assertThat(holding(Role.VIEW, PAYMENTS_PROD).canBuildAndDeploy(PAYMENTS_PROD)).isFalse();
    }

    @Test
    void image_approver_is_additive_and_implied_by_no_ranked_role() {
        assertThat(holding(Role.MANAGER, PAYMENTS_PROD).canApproveImages(PAYMENTS_PROD)).isFalse();
        assertThat(holding(Role.IMAGE_APPROVER, PAYMENTS_PROD).canApproveImages(PAYMENTS_PROD)).isTrue();
        assertThat(holding(Role.IMAGE_APPROVER, PAYMENTS_PROD).canView(PAYMENTS_PROD)).isFalse();
    }

    @Test
    void super_admin_is_a_default_approver_everywhere() {
        var superAdmin = holding(Role.SUPER_ADMIN, Scope.everywhere());

        assertThat(superAdmin.canApproveImages(BILLING_PROD)).isTrue();
        assertThat(superAdmin.canGrant(Role.SUPER_ADMIN, Scope.everywhere())).isTrue();
    }

    @Test
    void a_grant_applies_only_inside_its_scope() {
        var deployer = holding(Role.BUILD_AND_DEPLOY, PAYMENTS_STAGING);

        assertThat(deployer.canBuildAndDeploy(PAYMENTS_STAGING)).isTrue();
        assertThat(deployer.canBuildAndDeploy(PAYMENTS_PROD)).isFalse();
        assertThat(deployer.canBuildAndDeploy(BILLING_PROD)).isFalse();
    }

    @Test
    void a_star_in_a_grant_covers_every_value() {
        var approver = holding(Role.IMAGE_APPROVER, new Scope("shop", "*", "prod"));

        assertThat(approver.canApproveImages(PAYMENTS_PROD)).isTrue();
        assertThat(approver.canApproveImages(BILLING_PROD)).isTrue();
        assertThat(approver.canApproveImages(PAYMENTS_STAGING)).isFalse();
    }

    @Test
    void only_a_manager_in_scope_or_a_super_admin_may_grant() {
        assertThat(holding(Role.MANAGER, PAYMENTS_PROD).canGrant(Role.ADMIN, PAYMENTS_PROD)).isTrue();
        assertThat(holding(Role.MANAGER, PAYMENTS_PROD).canGrant(Role.ADMIN, BILLING_PROD)).isFalse();
        assertThat(holding(Role.ADMIN, PAYMENTS_PROD).canGrant(Role.VIEW, PAYMENTS_PROD)).isFalse();
        assertThat(holding(Role.MANAGER, PAYMENTS_PROD).canGrant(Role.SUPER_ADMIN, PAYMENTS_PROD)).isFalse();
    }

    @Test
    void image_approver_is_granted_only_by_a_manager_who_holds_it_there() {
        var managerAndApprover = new Permissions("u", List.of(new Grant(Role.MANAGER, PAYMENTS_PROD),
                new Grant(Role.IMAGE_APPROVER, new Scope("shop", "*", "prod"))));

        assertThat(holding(Role.MANAGER, PAYMENTS_PROD).canGrant(Role.IMAGE_APPROVER, PAYMENTS_PROD)).isFalse();
        assertThat(holding(Role.IMAGE_APPROVER, PAYMENTS_PROD).canGrant(Role.IMAGE_APPROVER, PAYMENTS_PROD)).isFalse();
        assertThat(managerAndApprover.canGrant(Role.IMAGE_APPROVER, PAYMENTS_PROD)).isTrue();
        assertThat(managerAndApprover.canGrant(Role.IMAGE_APPROVER, BILLING_PROD)).isFalse();
    }
}
