package dev.shipgate.approval.access.adapter;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.access.domain.DirectoryView;
import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.access.domain.Group;
import dev.shipgate.approval.access.domain.User;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.GrantingPolicy;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.RoleBinding;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.List;

/**
 * Users, permission groups and role bindings. Who may add or remove a role binding, or change a group, is
 * {@link GrantingPolicy}'s rule (design rule 13): a MANAGER inside a scope their grant contains, and only a role they
 * hold there (IMAGE_APPROVER is not implied by MANAGER), never on their own user; a SUPER_ADMIN anywhere.
 * Memberships, addresses and activation by SUPER_ADMIN only, since a group can carry any grant and the address decides
 * where approval mail goes.
 */
@RestController
@Validated
@RequestMapping("/api/access")
class AccessController {

    private static final String NAME = "[A-Za-z0-9._@-]{1,100}";

    private final AccessService access;

    public AccessController(AccessService access) {
        this.access = access;
    }

    /**
     * The caller's own access. {@code grantableScopes}: the scopes inside which the caller may give roles to others
     * (empty for whoever may grant nothing; {@code * / * / *} for a super admin), from {@link GrantingPolicy}; they
     * bound the ranked roles, IMAGE_APPROVER needs it held on a scope containing the binding as well.
     */
    public record Me(String userId, String displayName, String email, List<String> groups, List<RoleBinding> roles,
                     boolean superAdmin, List<Scope> grantableScopes) {
    }

    /** @param serviceAccount automation such as CI, not a person; absent keeps what it was (a person when new) */
    public record UserBody(@NotBlank @Email @Size(max = 200) String email,
                           @NotBlank @Size(max = 200) String displayName,
                           @NotNull Boolean active,
                           @NotNull @Size(max = 50) List<@Pattern(regexp = NAME) String> groups,
                           @NotNull @Size(max = 200) List<@Valid @NotNull BindingBody> roles,
                           Boolean serviceAccount) {
        /** Absent keeps what the user is (a new user is a person), so older clients do not clear the mark. */
        boolean serviceAccountOr(User before) {
            return serviceAccount != null ? serviceAccount : before != null && before.serviceAccount();
        }
    }

    /**
     * A role binding.
     *
     * @param until when it stops counting, an ISO-8601 instant (exclusive; issue 18, time-boxed grants); absent for
     *              no end. A time already past is allowed: the grant is kept, ended.
     */
    public record BindingBody(@NotNull Role role, @NotBlank @Size(max = 100) String project,
                              @NotBlank @Size(max = 100) String application,
                              @NotBlank @Size(max = 100) String environment, Instant until) {
        Grant toGrant() {
            return Grant.of(new RoleBinding(role.name(), project, application, environment, until));
        }
    }

    public record GroupBody(@Size(max = 500) String description,
                            @NotNull @Size(max = 200) List<@Valid @NotNull BindingBody> roles) {
    }

    @GetMapping("/me")
    public Me me(@AuthenticationPrincipal Jwt caller) {
        EffectiveAccess mine = access.find(caller.getSubject()).orElseThrow(() -> Refusal.forbidden(
                "UNKNOWN_USER", caller.getSubject() + " has no access to Shipgate").exception());
        return new Me(mine.user().id(), mine.user().displayName(), mine.user().email(), mine.user().groups(),
                mine.grants().stream().map(Grant::toBinding).toList(), mine.permissions().isSuperAdmin(),
                GrantingPolicy.grantableScopes(mine.permissions()));
    }

    /**
     * The users the caller administers ({@link DirectoryView}): everyone for a super admin, the users of their own
     * scope for a manager (and one outside it asked for by its exact id).
     *
     * @param q optional search: part of the id, name or address (case-insensitive), or an exact id
     */
    @GetMapping("/users")
    public List<User> users(@AuthenticationPrincipal Jwt caller,
                            @RequestParam(required = false) @Size(max = 200) String q) {
        requireManagerSomewhere(caller);
        DirectoryView view = new DirectoryView(permissionsOf(caller));
        return access.all().stream().filter(user -> view.shows(user, q)).map(EffectiveAccess::user).toList();
    }

    @GetMapping("/groups")
    public List<Group> groups(@AuthenticationPrincipal Jwt caller) {
        requireManagerSomewhere(caller);
        return access.groups();
    }

    /** @param spelledUserId any spelling of the id: the user is stored and found under its canonical form */
    @PutMapping("/users/{userId}")
    public User putUser(@AuthenticationPrincipal Jwt caller,
                        @PathVariable("userId") @Pattern(regexp = NAME) String spelledUserId,
                        @Valid @RequestBody UserBody body) {
        List<Grant> grants = body.roles().stream().map(BindingBody::toGrant).distinct().toList();
        return access.changeUser(permissionsOf(caller), spelledUserId, before -> new User(spelledUserId, body.email(),
                body.displayName(), body.active(), body.groups(), grants, body.serviceAccountOr(before)));
    }

    @PutMapping("/groups/{name}")
    public Group putGroup(@AuthenticationPrincipal Jwt caller, @PathVariable @Pattern(regexp = NAME) String name,
                          @Valid @RequestBody GroupBody body) {
        GrantingPolicy.refusalOfGroupChange(permissionsOf(caller)).ifPresent(AccessController::refuse);
        Group group = new Group(name, body.description() == null ? "" : body.description(),
                body.roles().stream().map(BindingBody::toGrant).distinct().toList());
        access.saveGroup(group);
        return group;
    }

    private Permissions permissionsOf(Jwt caller) {
        return access.find(caller.getSubject()).map(EffectiveAccess::permissions)
                .orElseGet(() -> Permissions.none(caller.getSubject()));
    }

    private static void refuse(Refusal refusal) {
        throw refusal.exception();
    }

    private void requireManagerSomewhere(Jwt caller) {
        // overlap is right here: the question is "a manager anywhere at all?", and each change is judged by
        // GrantingPolicy with containment
        if (!permissionsOf(caller).hasSomewhereIn(Role.MANAGER, Scope.everywhere())) {
            throw Refusal.forbidden("MANAGER_ONLY",
                    "only managers and super admins can see access administration").exception();
        }
    }
}
