package dev.shipgate.contracts.refusal;

/**
 * One stable refusal code of a service's domain with its {@link Refusal.Kind}: implemented by each domain's enum of
 * codes (approval's {@code ApprovalRefusal}, deploy-service's {@code DeployRefusal}, notification's
 * {@code LinkRefusal}), whose constant names are the codes clients see as the problem's {@code reason}.
 */
public interface RefusalCode {

    /** The code itself, upper snake case (an enum constant's name). */
    String name();

    /** Which sort of no this code is, and so which HTTP status it becomes. */
    Refusal.Kind kind();

    /** The refusal with this code and its kind, and {@code detail} for the person who asked. */
    default Refusal because(String detail) {
        return new Refusal(kind(), name(), detail);
    }

    /** Whether {@code refusal} carries this code. */
    default boolean is(Refusal refusal) {
        return name().equals(refusal.reason());
    }
}
