package dev.shipgate.approval.audit.adapter;

import dev.shipgate.approval.audit.application.AuditService;
import dev.shipgate.approval.audit.application.BreakGlassAudit;
import dev.shipgate.approval.access.application.AccessService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

import java.time.Clock;

/** The audit feature: what was done and refused, read where the facts are kept. */
@Configuration(proxyBeanMethods = false)
class AuditConfiguration {

    @Bean
    MongoAuditLog auditLog(MongoTemplate mongo) {
        return new MongoAuditLog(mongo);
    }

    @Bean
    AuditService auditService(MongoAuditLog auditLog, AccessService access, Clock clock) {
        return new AuditService(auditLog, access, clock);
    }

    @Bean
    BreakGlassAudit breakGlassAudit(MongoAuditLog auditLog) {
        return new BreakGlassAudit(auditLog);
    }
}
