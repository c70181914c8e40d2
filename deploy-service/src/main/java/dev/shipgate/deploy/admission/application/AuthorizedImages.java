package dev.shipgate.deploy.admission.application;

import java.util.Set;

/** The digests a pipeline authorized: of its deployments that were authorized and not refused. Read fresh. */
public interface AuthorizedImages {

    Set<String> digests(String pipelineId);
}
