package dev.shipgate.approval.token.adapter;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.approval.token.application.ApiTokens;
import dev.shipgate.approval.token.domain.ApiToken;
import dev.shipgate.approval.token.domain.TokenMinting;
import dev.shipgate.approval.token.domain.TokenMinting.Minter;
import dev.shipgate.approval.token.domain.TokenMinting.Owner;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.support.security.RevokedTokens;
import dev.shipgate.support.security.TokenSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * API tokens for automation. Anyone with access makes and revokes their own; a super admin also makes them for
 * service accounts (e.g. CI), and sees and revokes anyone's. A token is made only from a person's sign-in, never
 * from another API token, so revoking a leaked token cannot be outrun by the tokens it made.
 */
@RestController
@Validated
@RequestMapping("/api/access/tokens")
class ApiTokenController {

    private static final String NAME = "[A-Za-z0-9._@-]{1,100}";
    static final int DEFAULT_LIFETIME_DAYS = 90;

    private final ApiTokens tokens;
    private final AccessDirectory access;
    private final RevokedTokens revoked;
    private final TokenSettings settings;
    private final Clock clock;

    public ApiTokenController(ApiTokens tokens, AccessDirectory access, RevokedTokens revoked, TokenSettings settings,
                              Clock clock) {
        this.tokens = tokens;
        this.access = access;
        this.revoked = revoked;
        this.settings = settings;
        this.clock = clock;
    }

    public record NewToken(@NotBlank @Size(max = 100) String name, @Pattern(regexp = NAME) String userId,
                           @Min(1) @Max(366) Integer lifetimeDays) {
    }

    public enum State { ACTIVE, EXPIRED, REVOKED }

    public record TokenView(String id, String userId, String name, String createdBy, Instant createdAt,
                            Instant expiresAt, String revokedBy, Instant revokedAt, State state) {
        static TokenView of(ApiToken token, Instant now) {
            State state = token.isRevoked() ? State.REVOKED : token.isUsable(now) ? State.ACTIVE : State.EXPIRED;
            return new TokenView(token.id(), token.userId(), token.name(), token.createdBy(), token.createdAt(),
                    token.expiresAt(), token.revokedBy(), token.revokedAt(), state);
        }
    }

    /** The bearer token is in this answer only: Shipgate keeps its id, not the token. */
    public record IssuedToken(TokenView token, String accessToken, String tokenType) {
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    public IssuedToken issue(@AuthenticationPrincipal Jwt caller, @Valid @RequestBody NewToken body) {
        if (!settings.hasSecret()) {
            throw Refusal.conflict("API_TOKENS_DISABLED",
                    "API tokens need SHIPGATE_JWT_SECRET to be set on the services").exception();
        }
        Minter minter = new Minter(caller.getSubject(), false, "api".equals(caller.getClaimAsString("token_use")));
        Owner owner = new Owner(minter.userId(), false);
        if (minter.throughApiToken()) { // refused before any look-up: a token learns nothing about users
            refuse(TokenMinting.refusal(minter, owner));
        }
        EffectiveAccess me = activeUser(caller.getSubject(), Refusal.Kind.FORBIDDEN);
        minter = new Minter(me.user().id(), me.permissions().isSuperAdmin(), false);
        owner = new Owner(body.userId() == null ? me.user().id() : UserIds.canonical(body.userId()), false);
        if (!owner.userId().equals(me.user().id())) {
            if (!minter.superAdmin()) { // before looking the user up: others do not learn who exists
                refuse(TokenMinting.refusal(minter, owner));
            }
            EffectiveAccess target = activeUser(owner.userId(), Refusal.Kind.NOT_FOUND);
            owner = new Owner(owner.userId(), target.user().serviceAccount());
        }
        refuse(TokenMinting.refusal(minter, owner));
        int days = body.lifetimeDays() == null ? DEFAULT_LIFETIME_DAYS : body.lifetimeDays();
        ApiTokens.Issued issued = tokens.issue(owner.userId(), body.name(), me.user().id(), Duration.ofDays(days));
        return new IssuedToken(TokenView.of(issued.token(), clock.instant()), issued.bearerToken(), "Bearer");
    }

    @GetMapping
    public List<TokenView> list(@AuthenticationPrincipal Jwt caller,
                                @RequestParam(required = false) @Pattern(regexp = NAME) String userId) {
        EffectiveAccess me = activeUser(caller.getSubject(), Refusal.Kind.FORBIDDEN);
        String owner = userId == null ? me.user().id() : UserIds.canonical(userId);
        if (!owner.equals(me.user().id())) {
            requireSuperAdmin(me, "only a super admin can see the tokens of someone else");
        }
        Instant now = clock.instant();
        return tokens.list(owner).stream().map(token -> TokenView.of(token, now)).toList();
    }

    @DeleteMapping("/{id}")
    public TokenView revoke(@AuthenticationPrincipal Jwt caller, @PathVariable @Pattern(regexp = NAME) String id) {
        EffectiveAccess me = activeUser(caller.getSubject(), Refusal.Kind.FORBIDDEN);
        ApiToken token = tokens.find(id).orElseThrow(() -> Refusal.notFound(
                "TOKEN_NOT_FOUND", "there is no token " + id).exception());
        if (!token.userId().equals(me.user().id())) {
            requireSuperAdmin(me, "only a super admin can revoke the tokens of someone else");
        }
        if (token.isRevoked()) {
            throw Refusal.conflict("ALREADY_REVOKED",
                    "token " + id + " was revoked by " + token.revokedBy() + " at " + token.revokedAt()).exception();
        }
        ApiToken done = tokens.revoke(token, me.user().id());
        revoked.revoke(done.id(), done.expiresAt()); // this instance refuses it at once; the others via the topic
        return TokenView.of(done, clock.instant());
    }

    private EffectiveAccess activeUser(String userId, Refusal.Kind otherwise) {
        return access.find(userId).filter(found -> found.user().active()).orElseThrow(() -> new Refusal(
                otherwise, "UNKNOWN_USER", userId + " is not an active Shipgate user").exception());
    }

    private static void refuse(Optional<Refusal> refusal) {
        refusal.ifPresent(r -> {
            throw r.exception();
        });
    }

    private static void requireSuperAdmin(EffectiveAccess me, String message) {
        if (!me.permissions().isSuperAdmin()) {
            throw Refusal.forbidden("SUPER_ADMIN_ONLY", message).exception();
        }
    }
}
