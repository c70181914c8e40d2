package dev.shipgate.notification.mail.adapter;

import dev.shipgate.testing.RequestBodyContract;
import jakarta.validation.Valid;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/** The mail settings' body: the published document requires what the server requires, and a 400 names its field. */
class SmtpBodyFieldsTest extends RequestBodyContract {

    SmtpBodyFieldsTest() {
        super("notification-service", SettingsController.SmtpBody.class, """
                {"host":"smtp.example.com","port":587,"username":"shipgate","password":"secret",
                 "startTls":true,"from":"shipgate@example.com"}""", bodyOnly());
    }

    /**
     * Binds and validates the body as the real endpoint does. A local class, so that no application context of the
     * package's other tests scans it in.
     */
    private static Object bodyOnly() {
        @RestController
        class BodyOnly {
            @PostMapping("/body")
            void accept(@Valid @RequestBody SettingsController.SmtpBody body) {
            }
        }
        return new BodyOnly();
    }
}
