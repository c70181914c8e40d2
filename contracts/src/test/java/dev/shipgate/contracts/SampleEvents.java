package dev.shipgate.contracts;

import dev.shipgate.contracts.events.ApiTokenRevoked;
import dev.shipgate.contracts.events.ApprovalCancelled;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalNoLongerNeeded;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalWithdrawn;
import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.ApproverRule;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.Channel;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.PipelineReminders;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.contracts.events.RoleBinding;
import dev.shipgate.contracts.events.UserAccessChanged;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One realistic payload per event type, with optional fields both set and left null across the set. */
final class SampleEvents {

    static final Instant NOW = Instant.parse("2026-11-26T10:15:30Z");
    static final PipelineImage IMAGE = new PipelineImage("pl-1", "payments", "prod", "sha256:ab12", "1.4.2");

    static final Map<EventType, EventPayload> BY_TYPE = Map.ofEntries(
            Map.entry(EventType.IMAGE_BUILT, new ImageBuilt("sha256:ab12", "registry.local/payments", "1.4.2",
                    "9f1c2e", "payments", "carol", NOW)),
            Map.entry(EventType.APPROVAL_REQUESTED, new ApprovalRequested("ar-1", IMAGE, "alice",
                    List.of("bob", "dave"), 2, null, NOW.plusSeconds(3600), Map.of("carol", "dave"))),
            Map.entry(EventType.APPROVAL_GIVEN, new ApprovalGiven("ar-1", IMAGE, "alice", "bob", 1, 2, "looks good")),
            Map.entry(EventType.IMAGE_APPROVED, new ImageApproved("ar-1", IMAGE, "alice", List.of("bob", "dave"),
                    NOW.plusSeconds(86400))),
            Map.entry(EventType.APPROVAL_REJECTED, new ApprovalRejected("ar-1", IMAGE, "alice", "bob", "no tests")),
            Map.entry(EventType.APPROVAL_CANCELLED, new ApprovalCancelled("ar-1", IMAGE, "alice", "alice")),
            Map.entry(EventType.APPROVAL_EXPIRED, new ApprovalExpired("ar-1", IMAGE, "alice", null, "LIFETIME_ENDED")),
            Map.entry(EventType.APPROVAL_REOPENED, new ApprovalReopened("ar-1", IMAGE, "alice",
                    "the pipeline now needs 2 approvals", List.of("bob"), 2)),
            Map.entry(EventType.APPROVAL_WITHDRAWN, new ApprovalWithdrawn("ar-1", IMAGE, "alice", "bob")),
            Map.entry(EventType.APPROVAL_NO_LONGER_NEEDED, new ApprovalNoLongerNeeded("ar-1", IMAGE, "alice")),
            Map.entry(EventType.DEPLOYMENT_REQUESTED, new DeploymentRequested("dp-1", IMAGE, "alice", null,
                    Channel.apiToken("tok-1", "nightly deploy"))),
            Map.entry(EventType.DEPLOYMENT_AUTHORIZED, new DeploymentAuthorized("dp-1", IMAGE, "alice", "ar-1",
                    List.of("bob", "dave"))),
            Map.entry(EventType.DEPLOYMENT_REJECTED, new DeploymentRejected("dp-1", IMAGE, "alice",
                    "NOT_APPROVED", "the image has 1 of 2 approvals")),
            Map.entry(EventType.DEPLOYMENT_STATUS_CHANGED, new DeploymentStatusChanged("dp-1", IMAGE, "alice",
                    "PROGRESSING", "rolling out", NOW, "req-1", List.of("bob"))),
            Map.entry(EventType.DEPLOYMENT_SCHEDULE_CHANGED, new DeploymentScheduleChanged("sc-1", IMAGE, "alice",
                    "VOIDED", "APPROVAL_EXPIRED", "the approval expired", NOW.plusSeconds(3600), NOW, null)),
            Map.entry(EventType.DEPLOYMENT_BROKE_GLASS, new DeploymentBrokeGlass("dp-2", IMAGE, "carol",
                    "payments down, <b>roll back</b> now", "INC-42", "dp-1", NOW.plusSeconds(86400), NOW)),
            Map.entry(EventType.BREAK_GLASS_REVIEW_CHANGED, new BreakGlassReviewChanged("dp-2", IMAGE, "carol",
                    "payments down", null, "FLAGGED", "bob", "should have paged the on-call first",
                    NOW.plusSeconds(86400), NOW)),
            Map.entry(EventType.PIPELINE_CONFIGURED, new PipelineConfigured("pl-1", "shop", "payments", "prod",
                    "simulated", 2, List.of(new ApproverRule("release-managers", 1)), 86400, 604800L, false,
                    "MANUAL", false, true, new PipelineReminders(Duration.ofHours(1), null, 3, Duration.ofHours(24),
                    "release-managers"))),
            Map.entry(EventType.USER_ACCESS_CHANGED, new UserAccessChanged("bob", "bob@example.com", "Bob", true,
                    List.of("release-managers"), List.of(new RoleBinding("IMAGE_APPROVER", "shop", "payments",
                            "*")))),
            Map.entry(EventType.API_TOKEN_REVOKED, new ApiTokenRevoked("tok-1", "ci-bot", "dave", NOW,
                    NOW.plusSeconds(86400))));

    private SampleEvents() {
    }
}
