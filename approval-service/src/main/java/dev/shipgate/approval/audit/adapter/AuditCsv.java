package dev.shipgate.approval.audit.adapter;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.shipgate.approval.audit.domain.AuditRecord;
import tools.jackson.dataformat.csv.CsvMapper;
import tools.jackson.dataformat.csv.CsvSchema;

import java.util.List;

/**
 * Audit records as CSV (RFC 4180 quoting by Jackson's CSV module, a header line). A field that a spreadsheet would
 * run as a formula (starting with {@code = + - @}, a tab or a carriage return) gets a leading apostrophe, as OWASP
 * advises against CSV injection: comments and names are typed by users.
 */
final class AuditCsv {

    private static final CsvMapper MAPPER = CsvMapper.builder().build();
    private static final CsvSchema SCHEMA = MAPPER.schemaFor(Row.class).withHeader();

    private AuditCsv() {
    }

    @JsonPropertyOrder({"at", "actor", "action", "outcome", "reason", "detail", "viaKind", "viaId", "viaName",
            "pipelineId", "requestId", "deploymentId", "imageDigest", "imageTag"})
    record Row(String at, String actor, String action, String outcome, String reason, String detail, String viaKind,
               String viaId, String viaName, String pipelineId, String requestId, String deploymentId,
               String imageDigest, String imageTag) {
    }

    public static String write(List<AuditRecord> records) {
        return MAPPER.writer(SCHEMA).writeValueAsString(records.stream().map(AuditCsv::row).toList());
    }

    private static Row row(AuditRecord r) {
        return new Row(r.at().toString(), safe(r.actor()), safe(r.action()), r.outcome().name(), safe(r.reason()),
                safe(r.detail()), r.via() == null ? null : r.via().kind().name(),
                r.via() == null ? null : safe(r.via().id()), r.via() == null ? null : safe(r.via().name()),
                safe(r.pipelineId()), safe(r.requestId()), safe(r.deploymentId()), safe(r.imageDigest()),
                safe(r.imageTag()));
    }

    /** Neutralises a value a spreadsheet would evaluate. */
    static String safe(String value) {
        if (value == null || value.isEmpty()) {
            return value;
        }
        char first = value.charAt(0);
        return first == '=' || first == '+' || first == '-' || first == '@' || first == '\t' || first == '\r'
                ? "'" + value : value;
    }
}
