package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.events.PipelineConfigured;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A pipeline's {@code countVoterInEveryRule} (design rule 11) set through the pipeline API or the seed file (both
 * read a {@link PipelineController.PipelineBody}) reaches approval-service on PipelineConfigured; left out, it is
 * false.
 */
class CountingSettingTest {

    private static PipelineConfigured configured(String extra) throws Exception {
        String json = "{\"project\":\"shop\",\"application\":\"payments\",\"environment\":\"prod\","
                + "\"target\":\"simulated\",\"requiredApprovals\":2,\"approverMayDeploy\":false,"
                + "\"approverRules\":[{\"group\":\"security\",\"approvals\":1}]" + extra + "}";
        return KafkaEventCodec.json().readValue(json, PipelineController.PipelineBody.class).toPipeline("pl-1")
                .toEvent();
    }

    @Test
    void the_setting_is_carried_on_pipeline_configured() throws Exception {
        assertThat(configured(",\"countVoterInEveryRule\":true").countVoterInEveryRule()).isTrue();
        assertThat(configured(",\"countVoterInEveryRule\":false").countVoterInEveryRule()).isFalse();
    }

    @Test
    void left_out_a_person_counts_toward_one_rule() throws Exception {
        assertThat(configured("").countsVoterInEveryRule()).isFalse();
        assertThat(configured("").countVoterInEveryRule()).isFalse();
    }
}
