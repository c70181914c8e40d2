package dev.shipgate.notification.webhook.application;

import java.net.URI;
import java.util.Map;

/** Posts one JSON body to a receiver. */
public interface WebhookSender {

    /**
     * @param status the receiver's HTTP status, 0 when there was no answer
     * @param error  why it did not succeed (a status other than 2xx, a timeout, a refused address), null when it did
     */
    record Outcome(int status, String error) {

        public boolean succeeded() {
            return error == null;
        }
    }

    /** Never throws for the receiver's failures: they come back as the outcome's error. */
    Outcome post(URI url, Map<String, String> headers, byte[] body);
}
