package dev.shipgate.approval.access;

import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Tuple;

import java.util.ArrayList;
import java.util.List;

/**
 * Generated access: a few super admins, users with scoped grants (MANAGER often, so that granting is often allowed),
 * groups carrying grants, and attempts to grant and revoke. Scopes come from a small alphabet so that containment,
 * overlap and stars are common.
 */
public final class AccessArbitraries {

    private AccessArbitraries() {
    }

    public static Arbitrary<Scope> scopes() {
        return Combinators.combine(Arbitraries.of("*", "shop", "infra"), Arbitraries.of("*", "payments", "orders"),
                Arbitraries.of("*", "staging", "prod")).as(Scope::new);
    }

    /** Any binding, SUPER_ADMIN included: what an attempt asks for. */
    public static Arbitrary<Grant> anyGrant() {
        Arbitrary<Role> roles = Arbitraries.frequency(Tuple.of(3, Role.MANAGER), Tuple.of(2, Role.IMAGE_APPROVER),
                Tuple.of(1, Role.VIEW), Tuple.of(1, Role.BUILD_AND_DEPLOY), Tuple.of(1, Role.ADMIN),
                Tuple.of(1, Role.SUPER_ADMIN));
        return Combinators.combine(roles, scopes()).as(Grant::new);
    }

    /** A scoped grant a starting user or group holds. */
    public static Arbitrary<Grant> scopedGrant() {
        return anyGrant().filter(grant -> grant.role() != Role.SUPER_ADMIN);
    }

    /** 1-2 super admins ({@code root0..}), 2-6 others ({@code u0..}), 0-2 groups ({@code g0..}). */
    public static Arbitrary<AccessModel> startingStates() {
        Arbitrary<List<List<Grant>>> groupGrants = scopedGrant().list().ofMaxSize(2).list().ofMaxSize(2);
        Arbitrary<List<UserDraft>> users = Combinators.combine(scopedGrant().list().ofMaxSize(3),
                Arbitraries.integers().between(0, 3)).as(UserDraft::new).list().ofMinSize(2).ofMaxSize(6);
        return Combinators.combine(Arbitraries.integers().between(1, 2), users, groupGrants)
                .as(AccessArbitraries::model);
    }

    /** Up to {@code maxSize} attempts; about one in four on the actor's own user. */
    public static Arbitrary<List<AccessModel.Draft>> attempts(int maxSize) {
        Arbitrary<AccessModel.Kind> kinds = Arbitraries.frequency(Tuple.of(6, AccessModel.Kind.GRANT),
                Tuple.of(3, AccessModel.Kind.REVOKE), Tuple.of(1, AccessModel.Kind.CHANGE_GROUP));
        Arbitrary<Integer> indices = Arbitraries.integers().between(0, 99);
        return Combinators.combine(kinds, indices, indices, Arbitraries.integers().between(0, 3).map(i -> i == 0),
                anyGrant(), indices).as(AccessModel.Draft::new).list().ofMinSize(1).ofMaxSize(maxSize);
    }

    private record UserDraft(List<Grant> grants, int groupMask) {
    }

    private static AccessModel model(int superAdmins, List<UserDraft> drafts, List<List<Grant>> groupGrants) {
        List<Group> groups = new ArrayList<>();
        for (int i = 0; i < groupGrants.size(); i++) {
            groups.add(new Group("g" + i, "generated", groupGrants.get(i).stream().distinct().toList()));
        }
        List<User> users = new ArrayList<>();
        for (int i = 0; i < superAdmins; i++) {
            users.add(user("root" + i, List.of(), List.of(new Grant(Role.SUPER_ADMIN, Scope.everywhere()))));
        }
        for (int i = 0; i < drafts.size(); i++) {
            UserDraft draft = drafts.get(i);
            List<String> memberOf = new ArrayList<>();
            for (int g = 0; g < groups.size(); g++) {
                if ((draft.groupMask() & (1 << g)) != 0) {
                    memberOf.add(groups.get(g).name());
                }
            }
            users.add(user("u" + i, memberOf, draft.grants().stream().distinct().toList()));
        }
        return new AccessModel(users, groups);
    }

    private static User user(String id, List<String> groups, List<Grant> grants) {
        return new User(id, id + "@example.com", id, true, groups, grants);
    }
}
