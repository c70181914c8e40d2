package dev.shipgate.approval.shared;

/**
 * The MongoDB collections that more than their own feature reads: the audit trail reads requests, refusals,
 * decisions and pipelines as they are stored, and tests read users as stored. Each feature's adapter writes its
 * collection under this name; nobody needs the adapter for it, so the adapters stay package-private.
 */
public final class CollectionNames {

    /** The replica of deploy-service's pipelines (feature {@code pipeline}). */
    public static final String PIPELINES = "pipelines";
    /** Approval requests, with their history and outbox (feature {@code approval}). */
    public static final String APPROVAL_REQUESTS = "approval_requests";
    /** Refused attempts on requests (feature {@code approval}). */
    public static final String APPROVAL_REFUSALS = "approval_refusals";
    /** Decisions on deployments (feature {@code decision}). */
    public static final String DEPLOY_DECISIONS = "deploy_decisions";
    /** Users, under their canonical ids (feature {@code access}). */
    public static final String USERS = "users";
    /** Users set aside at start because their ids clash once canonical (feature {@code access}). */
    public static final String USERS_WITH_CLASHING_IDS = "users_with_clashing_ids";

    private CollectionNames() {
    }
}
