package dev.shipgate.notification.reminder.adapter;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.ApprovalWithdrawn;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.contracts.events.UserAccessChanged;
import dev.shipgate.notification.delivery.application.EmailTemplates;
import dev.shipgate.notification.delivery.application.InMemoryDeliveries;
import dev.shipgate.notification.delivery.application.MailQueue;
import dev.shipgate.notification.delivery.application.MessageComposer;
import dev.shipgate.notification.delivery.application.NotificationService;
import dev.shipgate.notification.delivery.application.UiAddress;
import dev.shipgate.notification.delivery.domain.Delivery;
import dev.shipgate.notification.link.application.ApprovalLinks;
import dev.shipgate.notification.link.domain.LinkSigner;
import dev.shipgate.notification.recipient.application.Recipients;
import dev.shipgate.notification.recipient.application.RequestMemory;
import dev.shipgate.notification.reminder.application.DigestService;
import dev.shipgate.notification.reminder.application.ReminderService;
import dev.shipgate.notification.reminder.domain.ReminderPlan;
import dev.shipgate.notification.subscription.application.PipelineScopes;
import dev.shipgate.runtime.SharedInfra;
import dev.shipgate.testing.SteppingClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Reminders, escalation and the digest over one real database (the embedded MongoDB-compatible server), with a
 * clock the test moves: the due times, who is mailed at each, exactly one mail per approver and step with two
 * instances passing at once, and a step left by an instance that died taken over without a second mail.
 */
class RemindersOnMongoTest {

    static final Instant T = Instant.parse("2026-12-01T09:00:00Z");
    static final Duration CLAIM = Duration.ofSeconds(15);
    /** Remind after 1 h, then every 2 h, twice; escalate to release-managers after 6 h. */
    static final ReminderPlan PLAN = new ReminderPlan(Duration.ofHours(1), Duration.ofHours(2), 2,
            Duration.ofHours(6), "release-managers");

    final SteppingClock clock = new SteppingClock(T);
    final MongoClient client = MongoClients.create(SharedInfra.get().mongoUri());
    final MongoTemplate mongo = new MongoTemplate(client, "reminders-" + UUID.randomUUID());
    final List<Delivery> mailed = new CopyOnWriteArrayList<>();
    /** Whom each request asked first, as the recipient replica remembers it from the request's mail. */
    final Map<String, List<String>> asked = new ConcurrentHashMap<>();
    final RequestMemory memory = new RequestMemory() {
        @Override
        public void remember(String requestId, List<String> approvers) {
            asked.put(requestId, approvers);
        }

        @Override
        public List<String> approversOf(String requestId) {
            return asked.getOrDefault(requestId, List.of());
        }
    };
    final NotificationService notifications = notifications();
    final ReminderService instanceA = instance();
    final ReminderService instanceB = instance();

    @AfterEach
    void close() {
        client.close();
    }

    @Test
    void approvers_who_have_not_acted_are_reminded_at_the_plan_s_times_then_the_fallback_group_is_mailed() {
        requested("ar-1", "alice", "bob", "carol");

        clock.step(Duration.ofHours(1).minusSeconds(1));
        assertThat(instanceA.sendDue()).as("nothing before the first reminder").isZero();
        clock.step(Duration.ofSeconds(1));
        assertThat(instanceA.sendDue()).isEqualTo(1);
        assertThat(mailedTo()).containsExactly("bob", "carol");
        assertThat(mailed).allSatisfy(d -> assertThat(d.subject()).startsWith("Reminder 1: approval requested"));

        follow(new ApprovalGiven("ar-1", image(), "alice", "Bob", 1, 2, null)); // any spelling: one canonical id
        mailed.clear();
        clock.step(Duration.ofHours(2)); // T + 3 h
        assertThat(instanceA.sendDue()).isEqualTo(1);
        assertThat(mailedTo()).as("bob acted").containsExactly("carol");

        mailed.clear();
        clock.step(Duration.ofHours(3).minusSeconds(1)); // just before T + 6 h
        assertThat(instanceA.sendDue()).isZero();
        clock.step(Duration.ofSeconds(1));
        assertThat(instanceA.sendDue()).isEqualTo(1);
        assertThat(mailedTo()).as("the fallback group's active members, not the requester").containsExactly("mona");
        assertThat(mailed.get(0).subject()).startsWith("Escalated: approval waiting");
        assertThat(mailed.get(0).text()).contains("Still waiting on").contains("carol");

        mailed.clear();
        clock.step(Duration.ofDays(3));
        assertThat(instanceA.sendDue()).as("every step was sent").isZero();
        assertThat(mailed).isEmpty();
    }

    /**
     * Issue 19: the plan is the pipeline's own (from its PipelineConfigured, in the pipeline replica) over the
     * installation's: pl-own reminds after 30 min once and escalates after 2 h; pl-default has the installation's 4 h,
     * twice, and no group; pl-quiet's own empty group escalates nothing although the installation's has one.
     */
    @Test
    void each_pipeline_s_own_plan_sets_its_times_and_group_over_the_installation_s() {
        Map<String, PipelineReminders> own = Map.of(
                "pl-own", new PipelineReminders(Duration.ofMinutes(30), null, 1, Duration.ofHours(2),
                        "release-managers"),
                "pl-quiet", new PipelineReminders(null, null, 0, null, ""));
        ReminderService byPipeline = new ReminderService(new MongoReminders(mongo), new ReminderProperties(
                Duration.ofSeconds(15), LocalTime.of(8, 0), new ReminderProperties.Plan(Duration.ofHours(4),
                Duration.ofHours(4), 2, Duration.ofHours(3), null)).plans(new PlansOnly(own)), notifications,
                new Directory(), memory, clock, CLAIM);
        for (String pipeline : List.of("pl-own", "pl-default", "pl-quiet")) {
            byPipeline.follow(EventEnvelope.of("test", clock.instant(), null, new ApprovalRequested("ar-" + pipeline,
                    new PipelineImage(pipeline, "payments", "prod", "sha256:aaaa", "1.4.0"), "alice",
                    List.of("bob"), 1, null, clock.instant().plus(Duration.ofDays(7)))));
        }

        clock.step(Duration.ofMinutes(30).minusSeconds(1));
        assertThat(byPipeline.sendDue()).isZero();
        clock.step(Duration.ofSeconds(1));
        assertThat(byPipeline.sendDue()).isEqualTo(1);
        assertThat(mailed).extracting(Delivery::eventId, Delivery::recipient)
                .containsExactly(tuple("reminder:ar-pl-own:0", "bob"));

        mailed.clear();
        clock.step(Duration.ofMinutes(90)); // T + 2 h
        assertThat(byPipeline.sendDue()).isEqualTo(1);
        assertThat(mailedTo()).as("pl-own's group, its only reminder sent").containsExactly("mona");

        mailed.clear();
        clock.step(Duration.ofHours(2)); // T + 4 h
        assertThat(byPipeline.sendDue()).isEqualTo(1);
        assertThat(mailed).extracting(Delivery::eventId, Delivery::recipient)
                .containsExactly(tuple("reminder:ar-pl-default:0", "bob"));

        mailed.clear();
        clock.step(Duration.ofDays(2));
        assertThat(byPipeline.sendDue()).as("pl-default's second reminder, nothing of pl-quiet").isEqualTo(1);
        assertThat(mailed).extracting(Delivery::eventId, Delivery::recipient)
                .containsExactly(tuple("reminder:ar-pl-default:1", "bob"));
    }

    /**
     * Issue 19: a withdrawn approval puts its approver back on the list, from the next reminder on; only an approver
     * the request asked.
     */
    @Test
    void an_approver_who_withdraws_their_approval_is_reminded_again() {
        requested("ar-1", "alice", "bob", "carol");
        follow(new ApprovalGiven("ar-1", image(), "alice", "bob", 1, 2, null));
        clock.step(Duration.ofHours(1));
        assertThat(instanceA.sendDue()).isEqualTo(1);
        assertThat(mailedTo()).containsExactly("carol");

        follow(new ApprovalWithdrawn("ar-1", image(), "alice", "BOB")); // any spelling: one canonical id
        // dave, never asked, approves and withdraws (anyone eligible may vote): he is not put on the list
        follow(new ApprovalGiven("ar-1", image(), "alice", "dave", 1, 2, null));
        follow(new ApprovalWithdrawn("ar-1", image(), "alice", "dave"));
        mailed.clear();
        clock.step(Duration.ofHours(2));
        assertThat(instanceA.sendDue()).isEqualTo(1);
        assertThat(mailedTo()).as("bob is back, dave never asked").containsExactlyInAnyOrder("bob", "carol");
    }

    /**
     * Issue 19: an approved request reopened (its approval no longer meets the policy) restarts its plan from the
     * reopening, for the approvers first asked who do not count now; its mails have ids of their own, so a reminder
     * the first round sent to the same person does not swallow the new one.
     */
    @Test
    void a_reopened_request_restarts_its_reminders_for_those_who_now_have_to_act() {
        requested("ar-1", "alice", "bob", "carol", "dave");
        clock.step(Duration.ofHours(1));
        assertThat(instanceA.sendDue()).as("the first round's reminder 1").isEqualTo(1);
        follow(new ApprovalGiven("ar-1", image(), "alice", "bob", 1, 2, null));
        follow(new ApprovalGiven("ar-1", image(), "alice", "carol", 2, 2, null));
        follow(new ImageApproved("ar-1", image(), "alice", List.of("bob", "carol"), T.plus(Duration.ofDays(7))));
        clock.step(Duration.ofHours(10));
        assertThat(instanceA.sendDue()).as("approved: nothing").isZero();

        mailed.clear();
        follow(new ApprovalReopened("ar-1", image(), "alice", "carol lost the right to approve", List.of("bob"), 2));
        clock.step(Duration.ofHours(1).minusSeconds(1));
        assertThat(instanceA.sendDue()).isZero();
        clock.step(Duration.ofSeconds(1));
        assertThat(instanceA.sendDue()).isEqualTo(1);
        assertThat(mailedTo()).as("not bob, who still counts").containsExactlyInAnyOrder("carol", "dave");
        assertThat(mailed).allSatisfy(d -> assertThat(d.eventId()).contains(":reopened-")
                .endsWith(":0"));

        follow(new ApprovalReopened("ar-1", image(), "alice", "carol lost the right to approve", List.of("bob"), 2));
        mailed.clear();
        clock.step(Duration.ofHours(5)); // reopening + 6 h
        assertThat(instanceA.sendDue()).as("reminder 2 and the escalation; the repeated event changed nothing")
                .isEqualTo(2);
        assertThat(mailedTo()).containsExactlyInAnyOrder("carol", "dave", "mona");
    }

    @Test
    void a_decided_request_is_reminded_no_more() {
        requested("ar-1", "alice", "bob");
        follow(new ImageApproved("ar-1", image(), "alice", List.of("bob"), T.plus(Duration.ofDays(7))));

        clock.step(Duration.ofDays(1));

        assertThat(instanceA.sendDue()).isZero();
        assertThat(mailed).isEmpty();
    }

    @Test
    void two_instances_passing_at_once_mail_each_approver_once_per_step() throws Exception {
        IntStream.range(0, 40).forEach(i -> requested("ar-" + i, "alice", "bob", "carol"));
        clock.step(Duration.ofHours(1));

        CyclicBarrier start = new CyclicBarrier(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<Integer> a = pool.submit(() -> {
                start.await();
                return instanceA.sendDue();
            });
            Future<Integer> b = pool.submit(() -> {
                start.await();
                return instanceB.sendDue();
            });
            assertThat(a.get() + b.get()).as("steps sent by the two").isEqualTo(40);
        } finally {
            pool.shutdownNow();
        }

        Map<String, Long> perDelivery = mailed.stream().collect(Collectors.groupingBy(Delivery::id,
                Collectors.counting()));
        assertThat(perDelivery).hasSize(80).allSatisfy((id, count) -> assertThat(count).as(id).isEqualTo(1));
        assertThat(instanceA.sendDue() + instanceB.sendDue()).isZero();
    }

    @Test
    void a_step_whose_instance_died_after_mailing_is_taken_over_at_its_claim_s_end_without_a_second_mail() {
        requested("ar-1", "alice", "bob");
        clock.step(Duration.ofHours(1));
        // instance A claims the step and mails it, then dies before recording it as sent
        MongoReminders store = new MongoReminders(mongo);
        var claimed = store.claimDue(clock.instant(), clock.instant().plus(CLAIM)).orElseThrow();
        notifications.deliver(claimed.stepId(), ReminderService.REMINDER_TYPE, List.of(
                notifications.composer().reminder("bob", "ar-1", image(), "alice", T, 1)));
        assertThat(mailed).hasSize(1);

        clock.step(CLAIM.minusSeconds(1));
        assertThat(instanceB.sendDue()).as("claimed by the dead instance still").isZero();
        clock.step(Duration.ofSeconds(1));
        assertThat(instanceB.sendDue()).as("taken over").isEqualTo(1);

        assertThat(mailed).as("the second mailing of the step adds nothing").hasSize(1);
        clock.step(Duration.ofHours(2));
        assertThat(instanceB.sendDue()).as("and the plan goes on").isEqualTo(1);
        assertThat(mailed).hasSize(2);
    }

    @Test
    void the_daily_digest_lists_each_approver_s_waiting_requests_once_a_day_whichever_instance_sends_it() {
        requested("ar-1", "alice", "bob", "carol");
        clock.step(Duration.ofMinutes(5));
        requested("ar-2", "alice", "carol");
        DigestService digestA = digest();
        DigestService digestB = digest();

        assertThat(digestA.sendIfDue()).as("planned for 08:00 tomorrow").isZero();
        clock.step(Duration.ofHours(23));
        assertThat(digestA.sendIfDue()).isEqualTo(2);
        assertThat(digestB.sendIfDue()).as("sent today already").isZero();

        assertThat(mailedTo()).containsExactly("bob", "carol");
        assertThat(mailed.get(0).subject()).isEqualTo("1 request waits for your approval");
        assertThat(mailed.get(1).subject()).isEqualTo("2 requests wait for your approval");
        assertThat(mailed.get(1).text()).contains("asked by alice at 2026-12-01 09:00 UTC")
                .contains("asked by alice at 2026-12-01 09:05 UTC");

        long digests = mailed.stream().filter(d -> d.eventType().equals(DigestService.DIGEST_TYPE)).count();
        clock.step(Duration.ofDays(1));
        assertThat(digestB.sendIfDue()).as("the next day, by the other instance").isEqualTo(2);
        assertThat(mailed.stream().filter(d -> d.eventType().equals(DigestService.DIGEST_TYPE)).count())
                .isEqualTo(digests + 2);
    }

    private List<String> mailedTo() {
        return mailed.stream().map(Delivery::recipient).toList();
    }

    private void requested(String requestId, String requester, String... approvers) {
        memory.remember(requestId, List.of(approvers));
        follow(new ApprovalRequested(requestId, image(), requester, List.of(approvers), 2, null,
                clock.instant().plus(Duration.ofDays(7))));
    }

    private void follow(EventPayload data) {
        instanceA.follow(EventEnvelope.of("test", clock.instant(), null, data));
    }

    private static PipelineImage image() {
        return new PipelineImage("pl-1", "payments", "prod", "sha256:aaaa", "1.4.0");
    }

    private ReminderService instance() {
        return new ReminderService(new MongoReminders(mongo), pipelineId -> PLAN, notifications, new Directory(),
                memory, clock, CLAIM);
    }

    private DigestService digest() {
        return new DigestService(new MongoReminders(mongo), new MongoDigestSchedule(mongo), notifications, clock,
                LocalTime.of(8, 0), CLAIM);
    }

    private NotificationService notifications() {
        EmailTemplates asText = new EmailTemplates() {
            @Override
            public String html(Map<String, Object> model) {
                return model.toString();
            }

            @Override
            public String text(Map<String, Object> model) {
                return model.toString();
            }
        };
        ApprovalLinks links = new ApprovalLinks(new LinkSigner("a-link-key-of-more-than-32-bytes-abcdefgh"
                .getBytes(StandardCharsets.UTF_8)), (nonce, requestId, userId) -> true, clock, Duration.ofHours(72));
        RequestMemory noMemory = new RequestMemory() {
            @Override
            public void remember(String requestId, List<String> approvers) {
            }

            @Override
            public List<String> approversOf(String requestId) {
                return List.of();
            }
        };
        // subscriptions and pipeline access are for deployment mail, which these tests make none of
        MessageComposer composer = new MessageComposer(asText, links, noMemory, null, null,
                new UiAddress("https://shipgate.test"));
        MailQueue queue = new MailQueue() {
            @Override
            public Delivery claim(Delivery pending) {
                return pending;
            }

            @Override
            public void sendSoon(List<Delivery> stored) {
                mailed.addAll(stored);
            }
        };
        return new NotificationService(composer, new Directory(), new InMemoryDeliveries(), queue, clock);
    }

    /** A pipeline replica that knows only the pipelines' own plans. */
    private record PlansOnly(Map<String, PipelineReminders> own) implements PipelineScopes {
        @Override
        public void apply(PipelineConfigured pipeline) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<Scope> scopeOf(String pipelineId) {
            return Optional.empty();
        }

        @Override
        public Optional<PipelineReminders> remindersOf(String pipelineId) {
            return Optional.ofNullable(own.get(pipelineId));
        }
    }

    /** alice requests; mona and alice are in release-managers, with olga, who left (inactive: not a member). */
    private static final class Directory implements Recipients {
        @Override
        public void apply(UserAccessChanged access) {
            throw new UnsupportedOperationException();
        }

        @Override
        public Optional<String> emailOf(String userId) {
            return Optional.of(userId + "@example.com");
        }

        @Override
        public Permissions permissionsOf(String userId) {
            return Permissions.none(userId);
        }

        @Override
        public List<String> active() {
            return List.of("alice", "mona");
        }

        @Override
        public List<String> membersOf(String group) {
            return "release-managers".equals(group) ? List.of("alice", "mona") : List.of();
        }
    }
}
