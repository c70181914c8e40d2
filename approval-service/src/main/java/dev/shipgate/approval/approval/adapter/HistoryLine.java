package dev.shipgate.approval.approval.adapter;

import dev.shipgate.approval.approval.domain.AuditEntry;
import dev.shipgate.approval.approval.domain.RefusedAttempt;
import dev.shipgate.contracts.events.Channel;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * One line of a request's history as the API shows it: what was done ({@code outcome} DONE) or refused
 * ({@code outcome} REFUSED, with the refusal's {@code reason}), by whom, when, and through what ({@code via}), with
 * a sentence for people: "bob approved via API token tok-... (nightly)". {@code deputyOf}: the approver in whose
 * place the actor was asked or voted ("dave approved as deputy of alice"), else null.
 */
record HistoryLine(Instant at, String actor, String action, String outcome, String comment, String reason,
                          Channel via, String deputyOf, String summary) {

    public static HistoryLine of(AuditEntry entry) {
        String asDeputy = entry.deputyOf() == null ? "" : " as deputy of " + entry.deputyOf();
        return new HistoryLine(entry.at(), entry.actor(), entry.action(), "DONE", entry.comment(), null, entry.via(),
                entry.deputyOf(),
                entry.actor() + " " + entry.action().toLowerCase(Locale.ROOT) + asDeputy + through(entry.via()));
    }

    public static HistoryLine of(RefusedAttempt attempt) {
        return new HistoryLine(attempt.at(), attempt.actor(), attempt.action(), "REFUSED", null, attempt.reason(),
                attempt.via(), null, attempt.actor() + " tried to " + attempt.action().toLowerCase(Locale.ROOT)
                + through(attempt.via()) + ": refused, " + attempt.reason());
    }

    /** Done and refused, oldest first; at equal times what was done comes first. */
    public static List<HistoryLine> merge(List<AuditEntry> done, List<RefusedAttempt> refused) {
        List<HistoryLine> lines = new ArrayList<>();
        done.forEach(entry -> lines.add(of(entry)));
        refused.forEach(attempt -> lines.add(of(attempt)));
        lines.sort(Comparator.comparing(HistoryLine::at)); // stable: keeps done before refused at a tie
        return lines;
    }

    private static String through(Channel via) {
        return via == null ? "" : " " + via.describe();
    }
}
