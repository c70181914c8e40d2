package dev.shipgate.approval.pipeline.adapter;

import dev.shipgate.approval.pipeline.application.PipelineChangeFollower;
import dev.shipgate.approval.pipeline.application.PipelineReplica;
import dev.shipgate.approval.pipeline.domain.ReplicatedPipeline;
import dev.shipgate.contracts.events.PipelineConfigured;
import dev.shipgate.support.messaging.EventConsumer;
import org.springframework.messaging.Message;

/**
 * Keeps the pipeline replica current from deploy-service's compacted topic, and judges the pipeline's open requests
 * again under its policy now (through {@link PipelineChangeFollower}): a raised count reopens, a lowered one approves,
 * 0 closes them.
 */
class PipelineListener {

    private static final String CONSUMER = "approval-service.pipelines";

    private final EventConsumer consumer;
    private final PipelineReplica pipelines;
    private final PipelineChangeFollower follower;

    public PipelineListener(EventConsumer consumer, PipelineReplica pipelines, PipelineChangeFollower follower) {
        this.consumer = consumer;
        this.pipelines = pipelines;
        this.follower = follower;
    }

    public void on(Message<byte[]> message) {
        consumer.consume(CONSUMER, message, event -> {
            if (event.data() instanceof PipelineConfigured configured) {
                pipelines.save(ReplicatedPipeline.from(configured));
                // the policy may have changed: open requests are judged again under it (design rule 10)
                follower.pipelineChanged(configured.pipelineId());
            }
        });
    }
}
