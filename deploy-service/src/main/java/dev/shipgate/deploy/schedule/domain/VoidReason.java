package dev.shipgate.deploy.schedule.domain;

/** Why a scheduled deployment will never start (the {@code reason} of its VOIDED event). */
public enum VoidReason {
    /** The approval it waited for expired (by its lifetime, or a user expired it). */
    APPROVAL_EXPIRED,
    /** A user cancelled the schedule. */
    CANCELLED,
    /** The same image was deployed on the pipeline since: the approval is used. */
    APPROVAL_USED,
    /** Another image was deployed on the pipeline since: starting this one would undo it. */
    NEWER_DEPLOYMENT,
    /** At its time the deploy was refused (a window closed again, the requester lost the permission...). */
    REFUSED
}
