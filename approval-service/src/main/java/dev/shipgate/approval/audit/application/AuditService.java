package dev.shipgate.approval.audit.application;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.audit.domain.AuditRecord;
import dev.shipgate.approval.audit.domain.GrantEndings;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Role;
import dev.shipgate.contracts.access.Scope;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Who may read which part of the audit, and its pages. A super admin reads everything; anyone else reads the
 * records of the pipelines whose scope one of their grants contains with VIEW or IMAGE_APPROVER (the same rule as the
 * request list), checked with {@link Permissions#has}.
 */
public class AuditService {

    /** Deepest record a page may reach: pages are cut from the newest records of each source. */
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
     * Page {@code page} (0-based) of {@code size} records, newest first, that {@code reader} may see.
     *
     * @param pipelineScopes every pipeline's scope by id (deleted ones too: their history stays readable)
     * @throws IllegalArgumentException when the page reaches beyond {@link #MAX_DEPTH}
     */
    public List<AuditRecord> page(Permissions reader, Map<String, Scope> pipelineScopes, AuditQuery filters,
                                  int page, int size) {
        long depth = (long) (page + 1) * size;
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("page * size may reach at most " + MAX_DEPTH
                    + " records back: narrow the time range instead");
        }
        Set<String> visible = reader.isSuperAdmin() ? null : visiblePipelines(reader, pipelineScopes);
        if (visible != null && visible.isEmpty()) {
            return List.of();
        }
        AuditQuery query = new AuditQuery(visible, filters.pipelineId(), filters.user(), filters.requestId(),
                filters.from(), filters.to());
        List<AuditRecord> newest = new ArrayList<>(log.newest(query, (int) depth));
        if (reader.isSuperAdmin()) {
            newest.addAll(endedGrants(filters));
            newest.sort(AuditRecord.NEWEST_FIRST);
        }
        return newest.stream().skip((long) page * size).limit(size).toList();
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
