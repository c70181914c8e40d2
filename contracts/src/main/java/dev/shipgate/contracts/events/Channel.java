package dev.shipgate.contracts.events;

/**
 * Through what a person acted (DESIGN rule 9): a sign-in session (the UI or the API with a sign-in token), an API
 * token, or an approve-from-email link; {@code SYSTEM} when nobody did (a lifetime ended). {@code id} is the sign-in
 * token's id (may be null: not every identity provider sets one), the API token's id ({@code tok-...}) or the
 * e-mail link's id; {@code name} is the API token's name, else null.
 */
public record Channel(Kind kind, String id, String name) {

    public enum Kind { SESSION, API_TOKEN, EMAIL_LINK, SYSTEM }

    public static Channel session(String tokenId) {
        return new Channel(Kind.SESSION, tokenId, null);
    }

    public static Channel apiToken(String tokenId, String tokenName) {
        return new Channel(Kind.API_TOKEN, tokenId, tokenName);
    }

    public static Channel emailLink(String linkId) {
        return new Channel(Kind.EMAIL_LINK, linkId, null);
    }

    public static Channel system() {
        return new Channel(Kind.SYSTEM, null, null);
    }

    /** Words for a history line: "via API token tok-1 (nightly deploy)", "via e-mail link 3f2a...", "via session". */
    public String describe() {
        return switch (kind) {
            case SESSION -> "via session" + (id == null ? "" : " " + id);
            case API_TOKEN -> "via API token " + id + (name == null ? "" : " (" + name + ")");
            case EMAIL_LINK -> "via e-mail link " + id;
            case SYSTEM -> "by the system";
        };
    }
}
