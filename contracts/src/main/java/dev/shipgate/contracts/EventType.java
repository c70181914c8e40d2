package dev.shipgate.contracts;

import dev.shipgate.contracts.events.ApiTokenRevoked;
import dev.shipgate.contracts.events.ApprovalCancelled;
import dev.shipgate.contracts.events.ApprovalExpired;
import dev.shipgate.contracts.events.ApprovalGiven;
import dev.shipgate.contracts.events.ApprovalNoLongerNeeded;
import dev.shipgate.contracts.events.ApprovalRejected;
import dev.shipgate.contracts.events.ApprovalReopened;
import dev.shipgate.contracts.events.ApprovalRequested;
import dev.shipgate.contracts.events.ApprovalWithdrawn;
import dev.shipgate.contracts.events.BreakGlassReviewChanged;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.events.DeploymentBrokeGlass;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;
import dev.shipgate.contracts.events.DeploymentScheduleChanged;
import dev.shipgate.contracts.events.DeploymentStatusChanged;
import dev.shipgate.contracts.events.ImageApproved;
import dev.shipgate.contracts.events.ImageBuilt;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.contracts.events.UserAccessChanged;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every event type of the contract: its name, payload record, topic and schema version. */
public enum EventType {
    IMAGE_BUILT(ImageBuilt.class, Topics.IMAGES, 1),
    APPROVAL_REQUESTED(ApprovalRequested.class, Topics.APPROVALS, 1),
    APPROVAL_GIVEN(ApprovalGiven.class, Topics.APPROVALS, 1),
    IMAGE_APPROVED(ImageApproved.class, Topics.APPROVALS, 1),
    APPROVAL_REJECTED(ApprovalRejected.class, Topics.APPROVALS, 1),
    APPROVAL_CANCELLED(ApprovalCancelled.class, Topics.APPROVALS, 1),
    APPROVAL_EXPIRED(ApprovalExpired.class, Topics.APPROVALS, 1),
    APPROVAL_REOPENED(ApprovalReopened.class, Topics.APPROVALS, 1),
    APPROVAL_WITHDRAWN(ApprovalWithdrawn.class, Topics.APPROVALS, 1),
    APPROVAL_NO_LONGER_NEEDED(ApprovalNoLongerNeeded.class, Topics.APPROVALS, 1),
    DEPLOYMENT_REQUESTED(DeploymentRequested.class, Topics.DEPLOYMENTS, 1),
    DEPLOYMENT_STATUS_CHANGED(DeploymentStatusChanged.class, Topics.DEPLOYMENTS, 1),
    DEPLOYMENT_SCHEDULE_CHANGED(DeploymentScheduleChanged.class, Topics.DEPLOYMENTS, 1),
    DEPLOYMENT_BROKE_GLASS(DeploymentBrokeGlass.class, Topics.DEPLOYMENTS, 1),
    BREAK_GLASS_REVIEW_CHANGED(BreakGlassReviewChanged.class, Topics.DEPLOYMENTS, 1),
    DEPLOYMENT_AUTHORIZED(DeploymentAuthorized.class, Topics.DEPLOY_DECISIONS, 1),
    DEPLOYMENT_REJECTED(DeploymentRejected.class, Topics.DEPLOY_DECISIONS, 1),
    PIPELINE_CONFIGURED(PipelineConfigured.class, Topics.PIPELINES, 1),
    USER_ACCESS_CHANGED(UserAccessChanged.class, Topics.ACCESS, 1),
    API_TOKEN_REVOKED(ApiTokenRevoked.class, Topics.TOKEN_REVOCATIONS, 1);

    private static final Map<String, EventType> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::typeName, Function.identity()));
    private static final Map<Class<?>, EventType> BY_PAYLOAD = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(EventType::payloadType, Function.identity()));

    private final Class<? extends EventPayload> payloadType;
    private final String topic;
    private final int schemaVersion;

    EventType(Class<? extends EventPayload> payloadType, String topic, int schemaVersion) {
        this.payloadType = payloadType;
        this.topic = topic;
        this.schemaVersion = schemaVersion;
    }

    /** The CloudEvents {@code type}: the payload record's simple name, e.g. {@code ApprovalRequested}. */
    public String typeName() {
        return payloadType.getSimpleName();
    }

    public Class<? extends EventPayload> payloadType() {
        return payloadType;
    }

    public String topic() {
        return topic;
    }

    public int schemaVersion() {
        return schemaVersion;
    }

    /** Classpath location of the payload's JSON Schema. */
    public String schemaResource() {
        return "/schemas/" + typeName() + ".v" + schemaVersion + ".json";
    }

    /** The CloudEvents {@code dataschema} URI. */
    public String dataSchemaUri() {
        return "https://shipgate.dev/schemas/" + typeName() + ".v" + schemaVersion + ".json";
    }

    public static EventType named(String typeName) {
        EventType type = BY_NAME.get(typeName);
        if (type == null) {
            throw new UnreadableEventException("unknown event type '" + typeName + "'");
        }
        return type;
    }

    public static EventType of(Class<?> payloadType) {
        EventType type = BY_PAYLOAD.get(payloadType);
        if (type == null) {
            throw new IllegalArgumentException(payloadType + " is not an event payload of the contract");
        }
        return type;
    }
}
