package dev.shipgate.notification.preference.domain;

import dev.shipgate.contracts.refusal.Refusal.Kind;
import dev.shipgate.contracts.refusal.RefusalCode;

/**
 * Why a change of notification preferences was refused: only the person or a super admin changes them
 * ({@link #NOT_YOUR_PREFERENCES}, 404 as for anything one may not see); a required kind cannot be muted
 * ({@link #MAIL_REQUIRED}, 400 with the {@code field}, e.g. {@code choices.APPROVAL_REQUESTS}); CHAT needs a chat
 * channel connected first ({@link #NO_CHAT_CHANNEL}, 400, field {@code choices}).
 */
public enum PreferenceRefusal implements RefusalCode {
    NOT_YOUR_PREFERENCES(Kind.NOT_FOUND),
    MAIL_REQUIRED(Kind.INVALID),
    NO_CHAT_CHANNEL(Kind.INVALID);

    private final Kind kind;

    PreferenceRefusal(Kind kind) {
        this.kind = kind;
    }

    @Override
    public Kind kind() {
        return kind;
    }
}
