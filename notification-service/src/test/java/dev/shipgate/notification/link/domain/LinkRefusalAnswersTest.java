package dev.shipgate.notification.link.domain;

import dev.shipgate.support.web.ProblemHandling;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A refused approval link answers as it did when the redeem endpoint chose the status itself: 400 for a forged link,
 * 403 for someone else's, 410 for an expired or spent one, with the same problem body (type, title, detail, reason).
 */
class LinkRefusalAnswersTest {

    private static final Map<LinkRefusal, HttpStatus> ANSWERED_BEFORE = Map.of(
            LinkRefusal.LINK_FORGED, HttpStatus.BAD_REQUEST,
            LinkRefusal.LINK_NOT_YOUR_LINK, HttpStatus.FORBIDDEN,
            LinkRefusal.LINK_EXPIRED, HttpStatus.GONE,
            LinkRefusal.LINK_ALREADY_USED, HttpStatus.GONE);

    @Test
    void each_link_refusal_keeps_its_status_reason_and_problem() {
        assertThat(ANSWERED_BEFORE).hasSameSizeAs(LinkRefusal.values());
        ANSWERED_BEFORE.forEach((reason, status) -> {
            ProblemDetail answered = new ProblemHandling().refused(reason.because("the facts").exception())
                    .getBody();

            assertThat(answered).as(reason.name())
                    .isEqualTo(ProblemHandling.problem(status, reason.name(), "the facts"));
            assertThat(answered.getTitle()).isEqualTo(status.getReasonPhrase());
            assertThat(answered.getProperties()).containsExactlyEntriesOf(Map.of("reason", reason.name()));
        });
    }
}
