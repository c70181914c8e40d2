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

    public Image accept(ImageBuilt built) {
        Image image = new Image(built.digest(), built.repository(), List.of(built.tag()), built.commit(),
                built.application(), built.builtBy(), built.builtAt());
        images.record(image);
        return images.find(built.digest()).orElse(image);
    }
}
