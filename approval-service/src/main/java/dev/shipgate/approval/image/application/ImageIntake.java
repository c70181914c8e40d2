package dev.shipgate.approval.image.application;

import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.image.domain.Image;
import dev.shipgate.contracts.events.ImageBuilt;

import java.util.List;

/**
 * Images arriving from CI, by event or webhook; idempotent by digest. The builder is stored as a user id: its
 * canonical form, or the id of the user whose e-mail address CI reported ({@link AccessDirectory#resolve}).
 */
public class ImageIntake {

    private final Images images;
    private final AccessDirectory access;

    public ImageIntake(Images images, AccessDirectory access) {
        this.images = images;
        this.access = access;
    }

    /**
     * An image from the images topic: already published, only recorded. Its {@code builtBy} is trusted as it is
     * (after resolving it to a user id) because only the CI principal may write that topic (broker ACLs); the
     * message's word alone would not do (design, trust boundary).
     */
    public Image accept(ImageBuilt built) {
        return images.record(toImage(built));
    }

    /** An image from the webhook, whose builder the caller was allowed to name: recorded, and published when new. */
    public Image acceptFromWebhook(ImageBuilt built) {
        Image image = toImage(built);
        return images.recordAndPublish(image, new ImageBuilt(built.digest(), built.repository(), built.tag(),
                built.commit(), built.application(), image.builtBy(), built.builtAt()));
    }

    private Image toImage(ImageBuilt built) {
        return new Image(built.digest(), built.repository(), List.of(built.tag()), built.commit(),
                built.application(), access.resolve(built.builtBy()), built.builtAt());
    }
}
