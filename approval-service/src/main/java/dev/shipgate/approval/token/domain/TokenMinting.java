package dev.shipgate.approval.token.domain;

import dev.shipgate.contracts.refusal.Refusal;

import java.util.Optional;

/**
 * Who may make an API token for whom (DESIGN rule 12, README "API tokens"): anyone signed in as a person makes their
 * own; a super admin also makes them for service accounts, never for another person, since a token acts as its
 * owner and would let its maker vote or deploy in that person's name. An API token makes no tokens at all, so a
 * leaked one cannot outlive its revocation through its children.
 */
public final class TokenMinting {

    /** The caller: who they are, whether they are a super admin, and whether they came with an API token. */
    public record Minter(String userId, boolean superAdmin, boolean throughApiToken) {
    }

    /** The account the token would act as. */
    public record Owner(String userId, boolean serviceAccount) {
    }

    private TokenMinting() {
    }

    /** Empty when {@code minter} may make a token acting as {@code owner}; else the refusal (a 403). */
    public static Optional<Refusal> refusal(Minter minter, Owner owner) {
        if (minter.throughApiToken()) {
            return refused("SIGN_IN_REQUIRED", "an API token cannot make API tokens: sign in as a person");
        }
        if (owner.userId().equals(minter.userId())) {
            return Optional.empty();
        }
        if (!minter.superAdmin()) {
            return refused("SUPER_ADMIN_ONLY", "only a super admin can make tokens for someone else");
        }
        if (!owner.serviceAccount()) {
            return refused("NOT_A_SERVICE_ACCOUNT", owner.userId() + " is a person, not a service account: only "
                    + owner.userId() + " can make tokens that act as them");
        }
        return Optional.empty();
    }

    private static Optional<Refusal> refused(String reason, String message) {
        return Optional.of(Refusal.forbidden(reason, message));
    }
}
