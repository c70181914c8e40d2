package dev.shipgate.approval.image.domain;

import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.refusal.Refusal;

/**
 * Who may say who built an image registered over HTTP (design rule 12; issue 15, item 3). The builder can never
 * approve the image, so naming someone else as builder would let the real builder approve their own change: only a
 * service account (automation such as CI, which reports the person whose change it built) may name another user;
 * for everyone else the builder is the caller. A body naming someone else is refused rather than silently
 * rewritten, so a misconfigured CI job learns of it at once instead of recording a builder nobody asked for.
 *
 * <p>Images from the Kafka images topic do not pass here: only the CI principal may write that topic (broker ACLs),
 * so their builder is trusted because of who could write it.
 */
public final class BuilderRule {

    private BuilderRule() {
    }

    /** The builder to record, or why the caller may not name that one. */
    public sealed interface Decision {
    }

    public record Builder(String userId) implements Decision {
    }

    /** A 403 with reason {@code NOT_ALLOWED_TO_NAME_BUILDER}. */
    public record Refused(Refusal refusal) implements Decision {
    }

    /**
     * @param callerId       the caller's canonical id
     * @param serviceAccount whether the caller is a service account
     * @param namedBuilder   the builder the request names, already resolved to a user id ({@code UserReferences});
     *                       null or blank when it names none
     */
    public static Decision builderOf(String callerId, boolean serviceAccount, String namedBuilder) {
        if (namedBuilder == null || namedBuilder.isBlank() || UserIds.same(namedBuilder, callerId)) {
            return new Builder(UserIds.canonical(callerId));
        }
        if (serviceAccount) {
            return new Builder(UserIds.canonical(namedBuilder));
        }
        return new Refused(Refusal.forbidden("NOT_ALLOWED_TO_NAME_BUILDER", callerId
                + " may register only their own builds: only a service account (CI) may name " + namedBuilder
                + " as the builder"));
    }
}
