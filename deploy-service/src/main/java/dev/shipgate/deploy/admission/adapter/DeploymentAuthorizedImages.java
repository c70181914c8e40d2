package dev.shipgate.deploy.admission.adapter;

import dev.shipgate.deploy.admission.application.AuthorizedImages;
import dev.shipgate.deploy.deployment.application.Deployments;
import dev.shipgate.deploy.deployment.domain.DeploymentStatus;

import java.util.List;
import java.util.Set;

/**
 * What a pipeline authorized, from its deployment records: every deployment that got past approval (AUTHORIZED and
 * every status after it: a break-glass deployment too, whatever its rollout's outcome), never one still REQUESTED or
 * REJECTED.
 */
class DeploymentAuthorizedImages implements AuthorizedImages {

    static final List<DeploymentStatus> AUTHORIZED = DeploymentStatus.where(
            status -> status != DeploymentStatus.REQUESTED && status != DeploymentStatus.REJECTED);

    private final Deployments deployments;

    DeploymentAuthorizedImages(Deployments deployments) {
        this.deployments = deployments;
    }

    @Override
    public Set<String> digests(String pipelineId) {
        return deployments.digestsInPipelineWithStatus(pipelineId, AUTHORIZED);
    }
}
