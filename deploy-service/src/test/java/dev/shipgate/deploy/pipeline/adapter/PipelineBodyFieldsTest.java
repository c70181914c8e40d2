package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.testing.RequestBodyContract;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A pipeline's body: the published document requires what the server requires, and a 400 names its field. */
class PipelineBodyFieldsTest extends RequestBodyContract {

    PipelineBodyFieldsTest() {
        super("deploy-service", PipelineController.PipelineBody.class, """
                {"project":"shop","application":"payments","environment":"prod","target":"simulated",
                 "targetRef":"payments","strategy":"ROLLING","requiredApprovals":2,
                 "approverRules":[{"group":"security","approvals":1}],"approvalLifetimeSeconds":3600,
                 "requestLifetimeSeconds":7200,"approverMayDeploy":false,"trigger":"MANUAL",
                 "countVoterInEveryRule":true,
                 "reminders":{"remindAfter":"PT1H","maxReminders":2,"fallbackGroup":"release-managers"}}""",
                bodyOnly());
    }

    /**
     * Binds and validates the body as the real endpoint does. A local class, so that no application context of the
     * package's other tests scans it in.
     */
    private static Object bodyOnly() {
        @RestController
        class BodyOnly {
            @PostMapping("/body")
            void accept(@Valid @RequestBody PipelineController.PipelineBody body) {
            }
        }
        return new BodyOnly();
    }
}
