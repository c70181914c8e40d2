package dev.shipgate.approval.access.adapter;

import dev.shipgate.testing.RequestBodyContract;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** A user's body: the published document requires what the server requires, and a 400 names its field. */
class UserBodyFieldsTest extends RequestBodyContract {

    UserBodyFieldsTest() {
        super("approval-service", AccessController.UserBody.class, """
                {"email":"bob@example.com","displayName":"Bob","active":true,"groups":["release-managers"],
                 "roles":[{"role":"VIEW","project":"shop","application":"payments","environment":"*"}],
                 "serviceAccount":false}""", bodyOnly());
    }

    /**
     * Binds and validates the body as the real endpoint does. A local class, so that no application context of the
     * package's other tests scans it in.
     */
    private static Object bodyOnly() {
        @RestController
        class BodyOnly {
            @PostMapping("/body")
            void accept(@Valid @RequestBody AccessController.UserBody body) {
            }
        }
        return new BodyOnly();
    }
}
