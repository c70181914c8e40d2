package dev.shipgate.notification.webhook.application;

import dev.shipgate.contracts.EventEnvelope;
import dev.shipgate.contracts.EventPayload;
import dev.shipgate.contracts.KafkaEventCodec;
import dev.shipgate.contracts.events.PipelineImage;
import dev.shipgate.notification.chat.application.ChatNotices;
import dev.shipgate.notification.chat.application.SlackMessage;
import dev.shipgate.notification.chat.application.TeamsMessage;
import dev.shipgate.notification.webhook.domain.WebhookSubscription.Format;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Optional;

/** What a subscription receives of an event, in its format; and which pipeline an event is about. */
public class EventBodies {

    private static final JsonMapper JSON = KafkaEventCodec.json();

    private final ChatNotices chat;

    public EventBodies(ChatNotices chat) {
        this.chat = chat;
    }

    /** The body for {@code format}; empty when the format has nothing to say about this event (chat). */
    public Optional<String> of(EventEnvelope<?> event, Format format) {
        return switch (format) {
            case CLOUDEVENTS -> Optional.of(cloudEvent(event));
            case SLACK -> chat.of(event.data()).map(notice -> SlackMessage.of(notice, JSON));
            case TEAMS -> chat.of(event.data()).map(notice -> TeamsMessage.of(notice, JSON));
        };
    }

    /**
     * CloudEvents 1.0 in structured content mode (JSON event format, https://github.com/cloudevents/spec, "JSON Event
     * Format"): the envelope's attributes, and {@code data} as the same JSON the Kafka record carries.
     */
    static String cloudEvent(EventEnvelope<?> event) {
        ObjectNode json = JSON.createObjectNode().put("specversion", KafkaEventCodec.SPEC_VERSION)
                .put("id", event.id()).put("type", event.type()).put("source", event.source());
        if (event.subject() != null) {
            json.put("subject", event.subject());
        }
        json.put("time", event.time().toString()).put("datacontenttype", "application/json")
                .put("dataschema", event.eventType().dataSchemaUri());
        json.set("data", JSON.valueToTree(event.data()));
        return JSON.writeValueAsString(json);
    }

    /** The pipeline an approval or deployment event is about: its {@code image}'s pipeline. */
    public static Optional<String> pipelineOf(EventPayload payload) {
        RecordComponent[] components = payload.getClass().getRecordComponents();
        if (components == null) {
            return Optional.empty();
        }
        return Arrays.stream(components).filter(c -> c.getType() == PipelineImage.class).findFirst().map(c -> {
            try {
                PipelineImage image = (PipelineImage) c.getAccessor().invoke(payload);
                return image == null ? null : image.pipelineId();
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        });
    }
}
