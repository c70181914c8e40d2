package dev.shipgate.approval.image.adapter;

import dev.shipgate.approval.access.application.AccessService;
import dev.shipgate.approval.image.application.ImageIntake;
import dev.shipgate.approval.image.application.Images;
import dev.shipgate.support.messaging.EventConsumer;
import dev.shipgate.support.messaging.Outbox;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.messaging.Message;

import java.util.function.Consumer;

/** The image feature: built images taken in from the webhook and the image topic. */
@Configuration(proxyBeanMethods = false)
class ImageConfiguration {

    @Bean
    MongoImages images(MongoTemplate mongo, Outbox outbox) {
        return new MongoImages(mongo, outbox);
    }

    @Bean
    ImageIntake imageIntake(Images images, AccessService access) {
        return new ImageIntake(images, access);
    }

    @Bean
    ImageListener imageListener(EventConsumer consumer, ImageIntake intake) {
        return new ImageListener(consumer, intake);
    }

    // a Spring Cloud Stream function: spring.cloud.function.definition and its binding are in application.yml
    @Bean
    Consumer<Message<byte[]>> imageEvents(ImageListener listener) {
        return listener::on;
    }
}
