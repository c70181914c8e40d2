package dev.shipgate.approval.decision.application;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.application.CurrentRules;
import dev.shipgate.approval.approval.application.RefusedAttempts;
import dev.shipgate.approval.approval.application.RequestUpdater;
import dev.shipgate.approval.access.domain.Actor;
import dev.shipgate.approval.approval.domain.ApprovalRequest;
import dev.shipgate.approval.approval.domain.ApprovalStatus;
import dev.shipgate.approval.approval.domain.RefusedAttempt;
import dev.shipgate.approval.approval.domain.ApprovalRefusal;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.events.DeploymentAuthorized;
import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.contracts.refusal.RefusedException;
import dev.shipgate.contracts.events.DeploymentRejected;
import dev.shipgate.contracts.events.DeploymentRequested;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The deploy saga's check: may this user deploy this image on this pipeline now? With approval on, the approval is
 * consumed in the same atomic update that queues the AUTHORIZED decision, so one approval serves one deployment.
 * An image CI registered for another application is never deployed on this pipeline (issue 15, item 5), whatever
 * approval it carries and whether the deployment was asked for by a person or by an AUTOMATIC trigger.
 */
public class DeployDecisionService {

    private final PipelineReplica pipelines;
    private final ApprovalRequests requests;
    private final RefusedAttempts refusals;
    private final AccessDirectory access;
    private final Images images;
    private final DeployDecisions decisions;
    private final RequestUpdater updater;
    private final CurrentRules current;
    private final Clock clock;

    public DeployDecisionService(PipelineReplica pipelines, ApprovalRequests requests, RefusedAttempts refusals,
                                 AccessDirectory access, Images images, DeployDecisions decisions,
                                 CurrentRules current, Clock clock) {
        this.pipelines = pipelines;
        this.requests = requests;
        this.refusals = refusals;
        this.access = access;
        this.images = images;
        this.decisions = decisions;
        this.updater = new RequestUpdater(requests);
        this.current = current;
        this.clock = clock;
    }

    public void decide(DeploymentRequested deployment) {
        Optional<ReplicatedPipeline> pipeline = pipelines.find(deployment.image().pipelineId());
        if (pipeline.isEmpty()) {
            reject(deployment, ApprovalRefusal.UNKNOWN_PIPELINE, "no pipeline " + deployment.image().pipelineId());
            return;
        }
        Optional<String> imageApplication = images.find(deployment.image().digest()).map(Image::application);
        if (imageApplication.isPresent() && !imageApplication.get().equals(pipeline.get().application())) {
            reject(deployment, ApprovalRefusal.IMAGE_OF_ANOTHER_APPLICATION, "image " + deployment.image().tag()
                    + " was built for " + imageApplication.get() + ", not for " + pipeline.get().application()
                    + ": it cannot be deployed on pipeline " + pipeline.get().id());
            return;
        }
        // the channel the deploy endpoint saw (session or API token) goes into the approval's history
        Actor deployer = access.actor(deployment.requestedBy()).via(deployment.channel());
        if (!deployer.permissions().canBuildAndDeploy(pipeline.get().scope())) {
            reject(deployment, ApprovalRefusal.NOT_ALLOWED_TO_DEPLOY, deployment.requestedBy()
                    + " needs Build and Deploy on " + pipeline.get().application() + " / "
                    + pipeline.get().environment());
            return;
        }
        if (pipeline.get().requiredApprovals() == 0) {
            decisions.record(deployment.deploymentId(), new DeploymentAuthorized(deployment.deploymentId(),
                    deployment.image(), deployment.requestedBy(), null, List.of()), deployment.channel(), null);
            return;
        }
        Optional<ApprovalRequest> approval = approvalFor(deployment);
        if (approval.isEmpty()) {
            reject(deployment, ApprovalRefusal.NO_APPROVAL, "image " + deployment.image().tag()
                    + " has no approval on this pipeline: request one first");
            return;
        }
        try {
            // judged at this moment: the pipeline's policy now and each voter's access now (design rule 10)
            updater.apply(approval.get(), request -> current.applyTo(request)
                    .consume(current.people(), deployment.deploymentId(), deployer, clock.instant()));
        } catch (RefusedException e) {
            refusals.record(RefusedAttempt.of(approval.get().id(), deployer, "DEPLOY", e.refusal(), clock.instant()));
            reject(deployment, e.refusal(), approval.get().id());
        }
    }

    /**
     * The approval this deployment should use: an approved one (or the one it already used), else the newest. The
     * usual case, an approved request, is the open one: read by key before reading the image's whole history.
     */
    private Optional<ApprovalRequest> approvalFor(DeploymentRequested deployment) {
        Optional<ApprovalRequest> open = requests.openForImage(deployment.image().pipelineId(),
                deployment.image().digest());
        if (open.filter(r -> r.status() == ApprovalStatus.APPROVED).isPresent()) {
            return open;
        }
        List<ApprovalRequest> all = requests.forImage(deployment.image().pipelineId(), deployment.image().digest());
        return all.stream()
                .filter(r -> r.status() == ApprovalStatus.APPROVED
                        || deployment.deploymentId().equals(r.consumedBy()))
                .findFirst()
                .or(() -> all.stream().max(Comparator.comparing(ApprovalRequest::createdAt)));
    }

    private void reject(DeploymentRequested deployment, ApprovalRefusal reason, String message) {
        reject(deployment, reason.because(message), null);
    }

    private void reject(DeploymentRequested deployment, Refusal refusal, String requestId) {
        decisions.record(deployment.deploymentId(), new DeploymentRejected(deployment.deploymentId(),
                deployment.image(), deployment.requestedBy(), refusal.reason(), refusal.detail()),
                deployment.channel(), requestId);
    }
}
