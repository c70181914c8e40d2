package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.deploy.admission.application.AdmissionRecorder;
import dev.shipgate.deploy.admission.domain.AdmissionDecision;
import dev.shipgate.deploy.admission.domain.AdmissionSubject;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The admission audit: each decision that allows with warnings or refuses is one event on the logger
 * {@value #LOGGER} (ECS fields {@code event.category=configuration}, {@code event.action=admission-review},
 * {@code event.outcome}, {@code event.reason} = the outcome, {@code kubernetes.namespace},
 * {@code shipgate.admission.kind}, {@code shipgate.admission.name}); every decision is timed in
 * {@code shipgate.admission.decisions} by {@code outcome} (Prometheus: {@code shipgate_admission_decisions_seconds}).
 */
class LoggedAdmissions implements AdmissionRecorder {

    static final String LOGGER = "shipgate.audit.admission";
    private static final Logger log = LoggerFactory.getLogger(LOGGER);

    private final Map<AdmissionDecision.Outcome, Timer> timers = new EnumMap<>(AdmissionDecision.Outcome.class);

    LoggedAdmissions(MeterRegistry registry) {
        for (AdmissionDecision.Outcome outcome : AdmissionDecision.Outcome.values()) {
            timers.put(outcome, Timer.builder("shipgate.admission.decisions").tag("outcome", outcome.name())
                    .description("admission reviews decided, by outcome, and how long each took")
                    .register(registry));
        }
    }

    @Override
    public void record(AdmissionSubject subject, AdmissionDecision decision, long nanos) {
        timers.get(decision.outcome()).record(nanos, TimeUnit.NANOSECONDS);
        if (!decision.warnings().isEmpty() || !decision.allowed()) {
            log.atWarn().addKeyValue("event.category", "configuration")
                    .addKeyValue("event.action", "admission-review")
                    .addKeyValue("event.outcome", decision.allowed() ? "success" : "failure")
                    .addKeyValue("event.reason", decision.outcome().name())
                    .addKeyValue("kubernetes.namespace", subject.namespace())
                    .addKeyValue("shipgate.admission.kind", subject.kind())
                    .addKeyValue("shipgate.admission.name", subject.name())
                    .log("admission {}: {}", decision.outcome(), decision.message());
        }
    }
}
