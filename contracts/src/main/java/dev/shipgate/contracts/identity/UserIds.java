package dev.shipgate.contracts.identity;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one canonical form of a user id, in which Shipgate compares and stores identities everywhere: HTTP bodies and
 * paths, event fields, OIDC claims, the seed file. Rule 12 of the design ("One identity, one form"): {@code BOB},
 * {@code " bob "} and {@code bob} are one person, so a builder or requester cannot slip past the no-self-approval
 * rule by spelling.
 *
 * <p>The form: Unicode NFKC (full-width and compatibility letters become their plain forms), surrounding white space
 * removed, lower case by the root locale (never the JVM's, whose Turkish {@code I} would differ). E-mail addresses
 * keep their shape here; mapping an address to the user who holds it is the access directory's job.
 */
public final class UserIds {

    private UserIds() {
    }

    /**
     * The canonical form of {@code raw}.
     *
     * @return null for null (an absent id stays absent), else the trimmed, NFKC-normalised, lower-cased id; a blank
     *         id becomes the empty string, which callers refuse as they refuse any missing id
     */
    public static String canonical(String raw) {
        if (raw == null) {
            return null;
        }
        return Normalizer.normalize(raw, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether {@code raw} holds compatibility characters that NFKC folds into others (full-width {@code ｃａｒｏｌ}, the
     * roman numeral {@code ⅽ} in {@code ⅽarol}, ligatures). Shipgate folds them in ids it is given, but an identity
     * asserted from outside (an OIDC provider's claim) that is spelled so is refused instead: folding it would sign
     * the provider's account {@code ｃａｒｏｌ} in as Shipgate's {@code carol}.
     */
    public static boolean hasCompatibilityCharacters(String raw) {
        return raw != null && !Normalizer.isNormalized(raw, Normalizer.Form.NFKC);
    }

    /** Whether two ids name the same user. */
    public static boolean same(String a, String b) {
        return a != null && b != null && canonical(a).equals(canonical(b));
    }

    /** Whether {@code raw} looks like an e-mail address rather than a user id. */
    public static boolean isEmailAddress(String raw) {
        return raw != null && raw.indexOf('@') > 0;
    }
}
