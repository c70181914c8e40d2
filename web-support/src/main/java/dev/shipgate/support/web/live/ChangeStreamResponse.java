package dev.shipgate.support.web.live;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks an endpoint that answers with a {@link ChangeStreams} stream: its OpenAPI 200 response is then
 * {@code text/event-stream}, a string ({@link ChangeStreamDocumentation}), written once for every stream.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface ChangeStreamResponse {
}
