package dev.shipgate.approval.audit.adapter;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.audit.application.AuditLog;
import dev.shipgate.approval.audit.application.AuditQuery;
import dev.shipgate.approval.audit.application.AuditService;
import dev.shipgate.approval.audit.domain.AuditRecord;
import dev.shipgate.contracts.access.Permissions;
import dev.shipgate.contracts.access.Scope;
import dev.shipgate.contracts.identity.UserIds;
import dev.shipgate.contracts.paging.ListPage;
import dev.shipgate.contracts.paging.PageAt;
import dev.shipgate.support.web.PagedAnswer;
import dev.shipgate.support.web.PagedResponse;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import java.time.Instant;
import java.util.Map;

/**
 * {@code GET /api/audit}: every action and every refusal on approval requests and deploy decisions, and every
 * break-glass deployment and its review (issue 18), newest first, in pages ({@code cursor} from the
 * {@code Link rel="next"} header, the total in {@code X-Total-Count}, as every list: {@link PagedAnswer}); JSON by
 * default, CSV with {@code Accept: text/csv} or {@code format=csv} (same headers). Filters: {@code pipelineId},
 * {@code user} (the actor), {@code requestId}, {@code from} (inclusive) and {@code to} (exclusive), ISO-8601 instants.
 * Super admins read everything, others the pipelines they may view ({@link AuditService#mayRead}); a
 * {@code pipelineId} they may not view is a 404 UNKNOWN_PIPELINE, as for a pipeline that does not exist.
 */
@RestController
@Validated
class AuditController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");

    private final AuditService audit;
    private final AuditLog log;
    private final AccessDirectory access;

    public AuditController(AuditService audit, AuditLog log, AccessDirectory access) {
        this.audit = audit;
        this.log = log;
        this.access = access;
    }

    @GetMapping(path = "/api/audit")
    @PagedResponse
    public ResponseEntity<?> audit(@AuthenticationPrincipal Jwt caller,
                                   @RequestParam(required = false) @Size(max = 100) String pipelineId,
                                   @RequestParam(required = false) @Size(max = 200) String user,
                                   @RequestParam(required = false) @Size(max = 100) String requestId,
                                   @RequestParam(required = false) Instant from,
                                   @RequestParam(required = false) Instant to,
                                   @RequestParam(required = false) @Size(max = PagedAnswer.CURSOR_MAX) String cursor,
                                   @RequestParam(defaultValue = "0") @Min(0) int page,
                                   @RequestParam(defaultValue = "50") @Min(1) @Max(500) int size,
                                   @RequestParam(required = false) @Pattern(regexp = "json|csv") String format,
                                   @RequestHeader(value = HttpHeaders.ACCEPT, required = false) String accept) {
        Permissions reader = access.actor(caller.getSubject()).permissions();
        Map<String, Scope> scopes = log.pipelineScopes();
        if (pipelineId != null && !(scopes.containsKey(pipelineId) && AuditService.mayRead(reader,
                scopes.get(pipelineId))) && !reader.isSuperAdmin()) {
            throw Refusal.notFound("UNKNOWN_PIPELINE", "no pipeline " + pipelineId).exception();
        }
        ListPage<AuditRecord> records = audit.page(reader, scopes, new AuditQuery(null, pipelineId,
                user == null ? null : UserIds.canonical(user), requestId, from, to), PageAt.of(cursor, page, size));
        boolean csv = "csv".equals(format) || format == null && accept != null && accept.contains("text/csv");
        if (csv) {
            return PagedAnswer.headers(records).contentType(CSV)
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"shipgate-audit.csv\"")
                    .body(AuditCsv.write(records.items()));
        }
        return PagedAnswer.headers(records).contentType(MediaType.APPLICATION_JSON).body(records.items());
    }
}
