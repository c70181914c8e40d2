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
 * message goes the way its kind is chosen (mail when not chosen or of no kind), and a required kind (approval
 * requests to the approvers named) is never dropped whatever is stored; only the person or a super admin sets them,
 * muting a required kind is refused naming the field, and CHAT needs a connected chat channel.
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
    void a_message_goes_the_way_its_kind_is_chosen_and_required_kinds_always_go(
            @ForAll("choices") Map<MailKind, Choice> choices, @ForAll("eventTypes") String eventType) {
        NotificationPreferences preferences = new NotificationPreferences("Bob", choices);

        Optional<MailKind> kind = MailKind.of(eventType);
        Choice chosen = kind.map(k -> choices.getOrDefault(k, Choice.MAIL)).orElse(Choice.MAIL);
        Choice expected = kind.isPresent() && kind.get() == MailKind.APPROVAL_REQUESTS && chosen == Choice.NONE
                ? Choice.MAIL : chosen;
        assertThat(preferences.channelFor(eventType)).as("%s with %s", eventType, choices).isEqualTo(expected);
        if (kind.isPresent() && kind.get().required()) {
            assertThat(preferences.channelFor(eventType)).isNotEqualTo(Choice.NONE);
        }
    }

    @Property(tries = 300)
    void only_the_person_or_a_super_admin_sets_them_and_no_required_kind_is_muted(
            @ForAll("choices") Map<MailKind, Choice> choices, @ForAll boolean self, @ForAll boolean superAdmin,
            @ForAll boolean chatConnected) {
        NotificationPreferences wanted = new NotificationPreferences("bob", choices);

        Optional<Refusal> refusal = PreferencePolicy.check(self ? " BOB " : "carol", superAdmin, wanted,
                chatConnected);

        boolean mutesRequired = choices.get(MailKind.APPROVAL_REQUESTS) == Choice.NONE;
        if (!self && !superAdmin) {
            assertThat(refusal.map(Refusal::reason)).contains(PreferenceRefusal.NOT_YOUR_PREFERENCES.name());
        } else if (choices.containsValue(Choice.CHAT) && !chatConnected) {
            assertThat(refusal.map(Refusal::reason)).contains(PreferenceRefusal.NO_CHAT_CHANNEL.name());
            assertThat(refusal.get().facts()).containsEntry("field", "choices");
        } else if (mutesRequired) {
            assertThat(refusal.map(Refusal::reason)).contains(PreferenceRefusal.MAIL_REQUIRED.name());
            assertThat(refusal.get().facts()).containsEntry("field", "choices.APPROVAL_REQUESTS");
        } else {
            assertThat(refusal).isEmpty();
        }
    }
}
