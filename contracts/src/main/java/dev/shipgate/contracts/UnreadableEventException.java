package dev.shipgate.contracts;

/** A message that is not a readable event of the contract; it belongs on the dead-letter topic, not in a retry loop. */
public class UnreadableEventException extends RuntimeException {

    public UnreadableEventException(String message) {
        super(message);
    }

    public UnreadableEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
