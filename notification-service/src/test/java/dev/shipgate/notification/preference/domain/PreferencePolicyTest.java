package dev.shipgate.notification.preference.domain;

import dev.shipgate.notification.preference.domain.NotificationPreferences.Choice;
import dev.shipgate.contracts.refusal.Refusal;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Notification preferences (issue 19) over every generated set of choices and every event type that makes mail: a
 * mail goes out unless its kind is chosen NONE, and a required kind (approval requests to the approvers named) goes
 * out whatever is stored; only the person or a super admin sets them, and muting a required kind is refused naming
 * the field.
 */
class PreferencePolicyTest {

    static final String[] EVENT_TYPES = {"ApprovalRequested", "ImageApproved", "ApprovalRejected",
        "ApprovalCancelled", "ApprovalExpired", "ApprovalReopened", "DeploymentStatusChanged",
        "DeploymentScheduleChanged", "dev.shipgate.notification.reminder", "dev.shipgate.notification.escalation",
        "dev.shipgate.notification.digest", "WebhookPaused"};

    @Provide
    Arbitrary<Map<MailKind, Choice>> choices() {
        return Arbitraries.maps(Arbitraries.of(MailKind.class), Arbitraries.of(Choice.class)).ofMaxSize(6);
    }

    @Provide
    Arbitrary<String> eventTypes() {
        return Arbitraries.of(EVENT_TYPES);
    }

    @Property(tries = 500)
    void a_mail_goes_out_unless_its_kind_is_muted_and_required_kinds_always_go(
            @ForAll("choices") Map<MailKind, Choice> choices, @ForAll("eventTypes") String eventType) {
        NotificationPreferences preferences = new NotificationPreferences("Bob", choices);

        Optional<MailKind> kind = MailKind.of(eventType);
        boolean expected = kind.isEmpty() || kind.get() == MailKind.APPROVAL_REQUESTS
                || choices.getOrDefault(kind.get(), Choice.MAIL) == Choice.MAIL;
        assertThat(preferences.wantsMail(eventType)).as("%s with %s", eventType, choices).isEqualTo(expected);
    }

    @Property(tries = 300)
    void only_the_person_or_a_super_admin_sets_them_and_no_required_kind_is_muted(
            @ForAll("choices") Map<MailKind, Choice> choices, @ForAll boolean self, @ForAll boolean superAdmin) {
        NotificationPreferences wanted = new NotificationPreferences("bob", choices);

        Optional<Refusal> refusal = PreferencePolicy.check(self ? " BOB " : "carol", superAdmin, wanted);

        boolean mutesRequired = choices.get(MailKind.APPROVAL_REQUESTS) == Choice.NONE;
        if (!self && !superAdmin) {
            assertThat(refusal.map(Refusal::reason)).contains(PreferenceRefusal.NOT_YOUR_PREFERENCES.name());
        } else if (mutesRequired) {
            assertThat(refusal.map(Refusal::reason)).contains(PreferenceRefusal.MAIL_REQUIRED.name());
            assertThat(refusal.get().facts()).containsEntry("field", "choices.APPROVAL_REQUESTS");
        } else {
            assertThat(refusal).isEmpty();
        }
    }
}
