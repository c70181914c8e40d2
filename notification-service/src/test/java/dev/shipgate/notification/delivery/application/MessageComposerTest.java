package dev.shipgate.notification.delivery.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.access.Grant;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.ApprovalCancelled;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.notification.delivery.domain.Message;
import dev.shipgate.notification.link.application.ApprovalLinks;
import dev.shipgate.notification.link.domain.LinkSigner;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.recipient.application.RequestMemory;
import dev.shipgate.notification.subscription.application.PipelineAccess;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.notification.subscription.application.Subscriptions;
import dev.shipgate.notification.subscription.domain.Subscription;
import dev.shipgate.notification.subscription.domain.Subscription.DeploymentNotice;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who hears of an event and what the mail says, through the composer's ports with in-memory adapters (no Spring, no
 * database, no templates engine: the model is rendered as text).
 */
class MessageComposerTest {

    private static final Instant NOW = Instant.parse("2026-11-30T10:00:00Z");
    private static final Scope PROD = new Scope("shop", "payments", "prod");
    private static final PipelineImage IMAGE = new PipelineImage("pl-1", "payments", "prod", "sha256:aaaa", "1.4.0");
    private static final byte[] KEY = "a-link-key-of-more-than-32-bytes-abcdefgh".getBytes(StandardCharsets.UTF_8);

    private final LinkSigner signer = new LinkSigner(KEY);
    private final InMemoryRequestMemory requests = new InMemoryRequestMemory();
    private final InMemorySubscriptions subscriptions = new InMemorySubscriptions();
    private final InMemoryRecipients recipients = new InMemoryRecipients();
    private final InMemoryPipelineScopes scopes = new InMemoryPipelineScopes();
    private final MessageComposer composer = new MessageComposer(new ModelAsText(),
            new ApprovalLinks(signer, (nonce, requestId, userId) -> true, Clock.fixed(NOW, ZoneOffset.UTC),
                    Duration.ofHours(72)),
            requests, subscriptions, new PipelineAccess(scopes, recipients), new UiAddress("https://shipgate.example"));

    @Test
    void an_approval_request_mails_each_approver_a_link_signed_for_that_approver() {
        List<Message> mails = composer.compose(event(new ApprovalRequested("ar-1", IMAGE, "alice",
                List.of("bob", "carol"), 2, "please", NOW.plusSeconds(3600))));

        assertThat(mails).extracting(Message::recipient).containsExactly("bob", "carol");
        assertThat(mails).allSatisfy(mail -> assertThat(mail.subject())
                .isEqualTo("Approval requested: payments 1.4.0 to prod"));
        for (Message mail : mails) {
            String link = mail.text().replaceAll("(?s).*actionUrl=https://shipgate.example/#/approve/ar-1\\?link=",
                    "").replaceAll("(?s)[,}].*", "");
            assertThat(signer.verify(link)).as("the link in %s's mail", mail.recipient()).hasValueSatisfying(
                    signed -> assertThat(signed.userId()).isEqualTo(mail.recipient()));
            assertThat(mail.summary().actionUrl()).as("the page a chat shows, without the mail's own link")
                    .isEqualTo("https://shipgate.example/#/approve/ar-1");
        }
    }

    @Test
    void a_deputy_is_told_whom_they_stand_in_for_and_an_approver_asked_for_themselves_is_not() {
        List<Message> mails = composer.compose(event(new ApprovalRequested("ar-1", IMAGE, "alice",
                List.of("bob", "dave"), 2, null, NOW.plusSeconds(3600), Map.of("carol", "dave", "erin", "dave"))));

        assertThat(mails).extracting(Message::recipient).containsExactly("bob", "dave");
        assertThat(mails.get(0).text()).contains("intro=alice asks you to approve an image for deployment.");
        assertThat(mails.get(1).text())
                .contains("intro=alice asks you, as deputy of carol and erin, to approve an image for deployment.");
    }

    @Test
    void a_break_glass_mails_at_once_every_approver_and_admin_of_the_pipeline_with_the_justification() {
        scopes.place("pl-1", PROD);
        recipients.grant("bob", Role.IMAGE_APPROVER, PROD);
        recipients.grant("dave", Role.SUPER_ADMIN, Scope.everywhere());
        recipients.grant("mona", Role.MANAGER, PROD);
        recipients.grant("erin", Role.VIEW, PROD);
        recipients.grant("frank", Role.IMAGE_APPROVER, new Scope("shop", "payments", "staging"));
        var broken = new DeploymentBrokeGlass("bg-1", IMAGE, "mona", "payments <b>down</b>", "INC-7", null,
                NOW.plusSeconds(86_400), NOW);

        assertThat(MessageComposer.mayMail(broken)).isTrue();
        List<Message> mails = composer.compose(event(broken));

        assertThat(mails).extracting(Message::recipient).containsExactly("bob", "dave", "mona");
        assertThat(mails.get(0).subject()).isEqualTo("Break-glass: payments 1.4.0 to prod");
        assertThat(mails.get(0).text()).contains("comment=payments <b>down</b>", "value=INC-7",
                "value=2026-12-01 10:00 UTC", "actionUrl=https://shipgate.example/#/pipelines/pl-1/details/bg-1");
    }

    @Test
    void an_overdue_break_glass_review_is_mailed_again_and_a_closed_one_is_not() {
        scopes.place("pl-1", PROD);
        recipients.grant("bob", Role.IMAGE_APPROVER, PROD);
        var overdue = new BreakGlassReviewChanged("bg-1", IMAGE, "mona", "down", null, "OVERDUE", null, null, NOW,
                NOW);
        var closed = new BreakGlassReviewChanged("bg-1", IMAGE, "mona", "down", null, "ACKNOWLEDGED", "bob", "ok",
                NOW, NOW);

        assertThat(MessageComposer.mayMail(overdue)).isTrue();
        assertThat(composer.compose(event(overdue))).extracting(Message::subject)
                .containsExactly("Break-glass review overdue: payments 1.4.0 to prod");
        assertThat(MessageComposer.mayMail(closed)).isFalse();
        assertThat(composer.compose(event(closed))).isEmpty();
    }

    @Test
    void a_cancelled_request_mails_the_approvers_the_request_was_sent_to_and_no_one_else() {
        composer.compose(event(new ApprovalRequested("ar-1", IMAGE, "alice", List.of("bob", "carol"), 2, null,
                NOW.plusSeconds(3600))));
        composer.compose(event(new ApprovalRequested("ar-2", IMAGE, "alice", List.of("dave"), 1, null,
                NOW.plusSeconds(3600))));

        List<Message> mails = composer.compose(event(new ApprovalCancelled("ar-1", IMAGE, "alice", "alice")));

        assertThat(mails).extracting(Message::recipient).containsExactly("bob", "carol");
        assertThat(mails.get(0).subject()).isEqualTo("Cancelled: payments 1.4.0 to prod");
    }

    @Test
    void a_deployment_outcome_mails_the_subscribers_of_that_notice_who_may_still_see_the_pipeline() {
        scopes.place("pl-1", PROD);
        recipients.grant("erin", Role.VIEW, PROD);
        recipients.grant("frank", Role.VIEW, PROD);
        subscriptions.save(new Subscription("pl-1", "erin", List.of(DeploymentNotice.SUCCEEDED)));
        subscriptions.save(new Subscription("pl-1", "frank", List.of(DeploymentNotice.FAILED)));
        subscriptions.save(new Subscription("pl-1", "gina", List.of(DeploymentNotice.SUCCEEDED))); // lost access

        List<Message> mails = composer.compose(event(statusChanged("HEALTHY")));

        assertThat(mails).extracting(Message::recipient).containsExactly("erin");
        assertThat(mails.get(0).subject()).isEqualTo("Deployment succeeded: payments 1.4.0 to prod");
        assertThat(mails.get(0).text())
                .contains("actionUrl=https://shipgate.example/#/pipelines/pl-1/details/dp-1");
    }

    @Test
    void failures_of_every_kind_go_to_the_subscribers_of_failures() {
        scopes.place("pl-1", PROD);
        recipients.grant("frank", Role.VIEW, PROD);
        subscriptions.save(new Subscription("pl-1", "frank", List.of(DeploymentNotice.FAILED)));

        for (String status : List.of("FAILED", "DEGRADED", "TIMED_OUT", "REJECTED")) {
            assertThat(composer.compose(event(statusChanged(status)))).as(status)
                    .extracting(Message::subject).containsExactly("Deployment failed: payments 1.4.0 to prod");
        }
    }

    @Test
    void a_voided_schedule_mails_who_scheduled_it_why_and_a_stored_or_started_one_mails_no_one() {
        var voided = new DeploymentScheduleChanged("sc-1", IMAGE, "alice", "VOIDED", "APPROVAL_EXPIRED",
                "approval ar-1 expired: <LIFETIME_ENDED>", NOW.plusSeconds(7200), NOW, null);

        List<Message> mails = composer.compose(event(voided));

        assertThat(MessageComposer.mayMail(voided)).isTrue();
        assertThat(mails).extracting(Message::recipient).containsExactly("alice");
        assertThat(mails.get(0).subject()).isEqualTo("Scheduled deploy voided: payments 1.4.0 to prod");
        assertThat(mails.get(0).text()).contains("approval ar-1 expired: <LIFETIME_ENDED>")
                .contains("APPROVAL_EXPIRED").contains("2026-11-30 12:00 UTC");
        for (String status : List.of("SCHEDULED", "STARTED")) {
            var news = new DeploymentScheduleChanged("sc-1", IMAGE, "alice", status, null, "x", NOW, NOW, null);
            assertThat(MessageComposer.mayMail(news)).as(status).isFalse();
            assertThat(composer.compose(event(news))).as(status).isEmpty();
        }
    }

    @Test
    void steps_that_are_not_news_make_no_mail_and_are_not_offered_for_mail() {
        scopes.place("pl-1", PROD);
        recipients.grant("erin", Role.VIEW, PROD);
        subscriptions.save(new Subscription("pl-1", "erin", List.of(DeploymentNotice.values())));

        for (String status : List.of("REQUESTED", "AUTHORIZED", "SUPERSEDED")) {
            assertThat(composer.compose(event(statusChanged(status)))).as(status).isEmpty();
            assertThat(MessageComposer.mayMail(statusChanged(status))).as(status).isFalse();
        }
        assertThat(MessageComposer.mayMail(statusChanged("PROGRESSING"))).isTrue();
    }

    private static DeploymentStatusChanged statusChanged(String status) {
        return new DeploymentStatusChanged("dp-1", IMAGE, "alice", status, "rollout " + status.toLowerCase(), NOW,
                "ar-1", List.of("bob"));
    }

    private static <T extends EventPayload> EventEnvelope<T> event(T data) {
        return EventEnvelope.of("approval-service", NOW, null, data);
    }

    /** Renders the model as {@code key=value} text, so a test can read what the mail would say. */
    private static final class ModelAsText implements EmailTemplates {
        @Override
        public String html(Map<String, Object> model) {
            return model.toString();
        }

        @Override
        public String text(Map<String, Object> model) {
            return model.toString();
        }
    }

    private static final class InMemoryRequestMemory implements RequestMemory {
        private final Map<String, List<String>> approvers = new HashMap<>();

        @Override
        public void remember(String requestId, List<String> approversOfRequest) {
            approvers.put(requestId, List.copyOf(approversOfRequest));
        }

        @Override
        public List<String> approversOf(String requestId) {
            return approvers.getOrDefault(requestId, List.of());
        }
    }

    private static final class InMemorySubscriptions implements Subscriptions {
        private final List<Subscription> all = new ArrayList<>();

        @Override
        public void save(Subscription subscription) {
            all.add(subscription);
        }

        @Override
        public void remove(String pipelineId, String userId) {
            all.removeIf(s -> s.pipelineId().equals(pipelineId) && s.userId().equals(userId));
        }

        @Override
        public List<Subscription> forPipeline(String pipelineId) {
            return all.stream().filter(s -> s.pipelineId().equals(pipelineId)).toList();
        }
    }

    private static final class InMemoryRecipients implements Recipients {
        private final Map<String, List<Grant>> grants = new HashMap<>();

        void grant(String userId, Role role, Scope scope) {
            grants.computeIfAbsent(userId, id -> new ArrayList<>()).add(new Grant(role, scope));
        }

        @Override
        public void apply(UserAccessChanged access) {
            throw new UnsupportedOperationException("grants are given by the test");
        }

        @Override
        public Optional<String> emailOf(String userId) {
            return Optional.of(userId + "@example.com");
        }

        @Override
        public Permissions permissionsOf(String userId) {
            return new Permissions(userId, grants.getOrDefault(userId, List.of()));
        }

        @Override
        public List<String> active() {
            return grants.keySet().stream().sorted().toList();
        }

        @Override
        public List<String> membersOf(String group) {
            return List.of();
        }
    }

    private static final class InMemoryPipelineScopes implements PipelineScopes {
        private final Map<String, Scope> scopes = new HashMap<>();

        void place(String pipelineId, Scope scope) {
            scopes.put(pipelineId, scope);
        }

        @Override
        public void apply(PipelineConfigured pipeline) {
            throw new UnsupportedOperationException("places are given by the test");
        }

        @Override
        public Optional<Scope> scopeOf(String pipelineId) {
            return Optional.ofNullable(scopes.get(pipelineId));
        }

        @Override
        public Optional<PipelineReminders> remindersOf(String pipelineId) {
            return Optional.empty();
        }
    }
}
