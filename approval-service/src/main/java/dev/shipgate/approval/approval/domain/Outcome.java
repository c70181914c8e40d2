package dev.shipgate.approval.approval.domain;

import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.refusal.Refusal;

import java.util.List;

/** The result of a command on a request: the new state and the events it causes, or a refusal. */
public sealed interface Outcome {

    record Accepted(ApprovalRequest request, List<EventPayload> events) implements Outcome {
        public Accepted {
            events = List.copyOf(events);
        }
    }

    record Refused(Refusal refusal) implements Outcome {
    }

    static Outcome refused(ApprovalRefusal reason, String message) {
        return new Refused(reason.because(message));
    }
}
