package dev.shipgate.support.web.live;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.web.method.HandlerMethod;

import static org.assertj.core.api.Assertions.assertThat;

/** A stream endpoint's 200 is "The stream", text/event-stream of strings; another endpoint is left as it is. */
class ChangeStreamDocumentationTest {

    private final ChangeStreamDocumentation documentation = new ChangeStreamDocumentation();

    @SuppressWarnings("unused")
    static class Endpoints {
        @ChangeStreamResponse
        Object stream() {
            return null;
        }

        Object plain() {
            return null;
        }
    }

    @Test
    void a_stream_endpoint_documents_an_event_stream_of_strings() throws NoSuchMethodException {
        Operation operation = documentation.customize(new Operation().responses(new ApiResponses()
                .addApiResponse("200", generated())), handler("stream"));

        ApiResponse ok = operation.getResponses().get("200");
        assertThat(ok.getDescription()).isEqualTo("The stream");
        assertThat(ok.getContent()).containsOnlyKeys(MediaType.TEXT_EVENT_STREAM_VALUE);
        assertThat(ok.getContent().get(MediaType.TEXT_EVENT_STREAM_VALUE).getSchema().getType()).isEqualTo("string");
    }

    @Test
    void an_endpoint_without_the_mark_is_left_as_it_is() throws NoSuchMethodException {
        ApiResponse ok = generated();
        documentation.customize(new Operation().responses(new ApiResponses().addApiResponse("200", ok)),
                handler("plain"));

        assertThat(ok.getDescription()).isEqualTo("OK");
    }

    /** What springdoc makes of an SseEmitter by itself: an object. */
    private static ApiResponse generated() {
        return new ApiResponse().description("OK").content(new Content().addMediaType(
                MediaType.TEXT_EVENT_STREAM_VALUE, new io.swagger.v3.oas.models.media.MediaType()
                        .schema(new ObjectSchema())));
    }

    private static HandlerMethod handler(String name) throws NoSuchMethodException {
        return new HandlerMethod(new Endpoints(), Endpoints.class.getDeclaredMethod(name));
    }
}
