package dev.shipgate.deploy.pipeline.adapter;

import dev.shipgate.testing.RequestBodyContract;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** An approver rule of a pipeline's body: the published document requires what the server requires. */
class RuleBodyFieldsTest extends RequestBodyContract {

    RuleBodyFieldsTest() {
        super("deploy-service", PipelineController.RuleBody.class, """
                {"group":"security","approvals":1}""", bodyOnly());
    }

    /**
     * Binds and validates the body as the real endpoint does. A local class, so that no application context of the
     * package's other tests scans it in.
     */
    private static Object bodyOnly() {
        @RestController
        class BodyOnly {
            @PostMapping("/body")
            void accept(@Valid @RequestBody PipelineController.RuleBody body) {
            }
        }
        return new BodyOnly();
    }
}
