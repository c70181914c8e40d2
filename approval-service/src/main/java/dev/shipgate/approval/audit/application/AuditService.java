package dev.shipgate.approval.audit.application;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.audit.domain.AuditRecord;
import dev.shipgate.approval.audit.domain.GrantEndings;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.paging.Cursor;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Who may read which part of the audit, and its pages. A super admin reads everything; anyone else reads the
 * records of the pipelines whose scope one of their grants contains with VIEW or IMAGE_APPROVER (the same rule as the
 * request list), checked with {@link Permissions#has}.
 */
public class AuditService {

    /** Deepest record an offset page may reach (cut from the newest records of each source); a cursor goes on. */
    public static final int MAX_DEPTH = 10_000;

    private final AuditLog log;
    private final AccessService access;
    private final Clock clock;

    /** @param access where the ended time-boxed grants are read from ({@link GrantEndings}), at {@code clock}'s time */
    public AuditService(AuditLog log, AccessService access, Clock clock) {
        this.log = log;
        this.access = access;
        this.clock = clock;
    }

    /**
     * A page of the records {@code reader} may see, newest first ({@link AuditRecord#NEWEST_FIRST}): after
     * {@code at}'s cursor (keyset: the record's time, then its key), or {@code at}'s offset. Each source is read in
     * the database strictly before the cursor's millisecond, plus the few records of that millisecond itself, which
     * are ordered by key here; so a record written between two pages (always newer) neither repeats nor hides one.
     * The total counts every matching record.
     *
     * @param pipelineScopes every pipeline's scope by id (deleted ones too: their history stays readable)
     * @throws IllegalArgumentException when an offset page reaches beyond {@link #MAX_DEPTH}
     */
    public ListPage<AuditRecord> page(Permissions reader, Map<String, Scope> pipelineScopes, AuditQuery filters,
                                      PageAt at) {
        long depth = at.offset() + at.size();
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("page * size may reach at most " + MAX_DEPTH
                    + " records back: follow the cursor or narrow the time range instead");
        }
        Set<String> visible = reader.isSuperAdmin() ? null : visiblePipelines(reader, pipelineScopes);
        if (visible != null && visible.isEmpty()) {
            return new ListPage<>(List.of(), 0, null);
        }
        AuditQuery query = new AuditQuery(visible, filters.pipelineId(), filters.user(), filters.requestId(),
                filters.from(), filters.to());
        int wanted = (int) depth + 1;
        Cursor cursor = at.cursor();
        Set<AuditRecord> candidates = new TreeSet<>(AuditRecord.NEWEST_FIRST);
        if (cursor == null) {
            candidates.addAll(newest(query, wanted));
        } else {
            candidates.addAll(newest(query.before(cursor.at()), wanted));
            candidates.addAll(log.newest(query.within(cursor.at()), MAX_DEPTH));
        }
        long total = log.count(query);
        if (reader.isSuperAdmin()) {
            List<AuditRecord> grants = endedGrants(filters);
            candidates.addAll(grants);
            total += grants.size();
        }
        List<AuditRecord> rest = candidates.stream()
                .filter(record -> cursor == null || isAfter(record, cursor))
                .skip(at.offset())
                .limit(at.size() + 1L)
                .toList();
        if (rest.size() <= at.size()) {
            return new ListPage<>(rest, total, null);
        }
        List<AuditRecord> page = rest.subList(0, at.size());
        AuditRecord last = page.get(page.size() - 1);
        return new ListPage<>(page, total, new Cursor(last.at(), last.key()));
    }

    /**
     * At least the newest {@code wanted} records, complete down to the oldest one's millisecond: a source sorts by time
     * only, so its limit may cut among records of one millisecond in any order; reading that millisecond whole lets
     * the key order them here (a page would otherwise skip one).
     */
    private List<AuditRecord> newest(AuditQuery query, int wanted) {
        List<AuditRecord> newest = new ArrayList<>(log.newest(query, wanted));
        if (newest.size() >= wanted) {
            newest.addAll(log.newest(query.within(newest.get(newest.size() - 1).at()), MAX_DEPTH));
        }
        return newest;
    }

    /** Whether {@code record} comes after the cursor's record in {@link AuditRecord#NEWEST_FIRST} order. */
    private static boolean isAfter(AuditRecord record, Cursor cursor) {
        return record.at().isBefore(cursor.at())
                || record.at().equals(cursor.at()) && record.key().compareTo(cursor.id()) < 0;
    }

    /**
     * The ended time-boxed grants (issue 18), for super admins, who administer access: they belong to no pipeline or
     * request, so a filter on either leaves them out; {@code user} filters on whose grant it was.
     */
    private List<AuditRecord> endedGrants(AuditQuery filters) {
        if (filters.pipelineId() != null || filters.requestId() != null) {
            return List.of();
        }
        return GrantEndings.at(clock.instant(), access.users(), access.groups()).stream()
                .filter(ended -> filters.user() == null || filters.user().equals(ended.holder()))
                .map(GrantEndings.Ended::toRecord)
                .filter(line -> filters.from() == null || !line.at().isBefore(filters.from()))
                .filter(line -> filters.to() == null || line.at().isBefore(filters.to()))
                .toList();
    }

    /** Whether the reader may see this pipeline's records. */
    public static boolean mayRead(Permissions reader, Scope pipeline) {
        return reader.isSuperAdmin() || reader.has(Role.VIEW, pipeline) || reader.has(Role.IMAGE_APPROVER, pipeline);
    }

    private static Set<String> visiblePipelines(Permissions reader, Map<String, Scope> pipelineScopes) {
        return pipelineScopes.entrySet().stream()
                .filter(pipeline -> mayRead(reader, pipeline.getValue()))
                .map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }
}
