package dev.shipgate.deploy.admission.application;

import dev.shipgate.deploy.admission.domain.AdmissionDecision;
import dev.shipgate.deploy.admission.domain.AdmissionSubject;

/** Keeps a trace of each decision (the audit log and a metric). */
public interface AdmissionRecorder {

    void record(AdmissionSubject subject, AdmissionDecision decision, long nanos);
}
