package dev.shipgate.contracts;

/**
 * Kafka topic names: {@code shipgate.<context>.v<major>}. A breaking change to a topic's events gets a new major
 * version and a new topic; the old one is kept until its consumers have moved.
 */
public final class Topics {

    /** Images built by CI; keyed by image digest. */
    public static final String IMAGES = "shipgate.images.v1";
    /** Approval request lifecycle; keyed by pipeline id so one pipeline's events stay in order. */
    public static final String APPROVALS = "shipgate.approvals.v1";
    /** Deploy saga decisions (authorized / rejected) from approval-service; keyed by pipeline id. */
    public static final String DEPLOY_DECISIONS = "shipgate.deploy-decisions.v1";
    /** Deployment lifecycle from deploy-service; keyed by pipeline id. */
    public static final String DEPLOYMENTS = "shipgate.deployments.v1";
    /** Compacted: the latest configuration of every CD pipeline; keyed by pipeline id. */
    public static final String PIPELINES = "shipgate.pipelines.v1";
    /** Compacted: the latest access (roles and groups) of every user; keyed by user id. */
    public static final String ACCESS = "shipgate.access.v1";
    /** Compacted, one partition: revoked API tokens, which every service reads in full at start; keyed by token id. */
    public static final String TOKEN_REVOCATIONS = "shipgate.token-revocations.v1";
    /** Notification outcomes (delivered / failed); keyed by event id. */
    public static final String NOTIFICATIONS = "shipgate.notifications.v1";

    /** Suffix of the dead-letter topic where an unreadable message of a topic is parked. */
    public static final String DEAD_LETTER_SUFFIX = ".dlt";

    private Topics() {
    }

    public static String deadLetterOf(String topic) {
        return topic + DEAD_LETTER_SUFFIX;
    }
}
