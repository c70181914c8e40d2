package dev.shipgate.approval.image.application;

import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.contracts.events.ImageBuilt;

import java.util.List;

/** Images arriving from CI, by event or webhook; idempotent by digest. */
public class ImageIntake {

    private final Images images;

    public ImageIntake(Images images) {
        this.images = images;
    }

    /** An image from the images topic: already published, only recorded. */
    public Image accept(ImageBuilt built) {
        images.record(toImage(built));
        return images.find(built.digest()).orElseThrow();
    }

    /** An image from the webhook: recorded, and published for the other services when it is new. */
    public Image acceptFromWebhook(ImageBuilt built) {
        images.recordAndPublish(toImage(built), built);
        return images.find(built.digest()).orElseThrow();
    }

    private static Image toImage(ImageBuilt built) {
        return new Image(built.digest(), built.repository(), List.of(built.tag()), built.commit(),
                built.application(), built.builtBy(), built.builtAt());
    }
}
