package dev.shipgate.approval.deadletter;

import dev.shipgate.contracts.refusal.Refusal;
import dev.shipgate.approval.access.application.AccessDirectory;
import dev.shipgate.approval.access.domain.EffectiveAccess;
import dev.shipgate.contracts.Topics;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.time.Clock;
import java.util.List;

/**
 * Super admins see what was parked on the dead-letter topics, why, and put a message back once its cause is mended.
 * Bodies are returned as text for the caller to show escaped; they are whatever arrived, so never trusted.
 */
@RestController
@Validated
@RequestMapping("/api/admin/dead-letters")
class DeadLetterController {

    private static final String DLT = "shipgate\\.[a-z0-9-]+\\.v[0-9]+\\.dlt";

    private final DeadLetters deadLetters;
    private final ReplayLog replays;
    private final AccessDirectory access;
    private final Clock clock;

    public DeadLetterController(DeadLetters deadLetters, ReplayLog replays, AccessDirectory access, Clock clock) {
        this.deadLetters = deadLetters;
        this.replays = replays;
        this.access = access;
        this.clock = clock;
    }

    public record Replayed(String topic, int partition, long offset, String republishedTo, String replayedBy) {
    }

    @GetMapping
    public List<DeadLetters.TopicSummary> topics(@AuthenticationPrincipal Jwt caller) {
        requireSuperAdmin(caller);
        return deadLetters.topics();
    }

    @GetMapping("/{topic}/{partition}")
    public List<DeadLetters.Letter> read(@AuthenticationPrincipal Jwt caller,
                                         @PathVariable @Pattern(regexp = DLT) String topic,
                                         @PathVariable @Min(0) @Max(1000) int partition,
                                         @RequestParam(required = false) @Min(0) Long from,
                                         @RequestParam(defaultValue = "20") @Min(1) @Max(200) int limit) {
        requireSuperAdmin(caller);
        requireExists(topic, partition);
        return deadLetters.read(topic, partition, from, limit);
    }

    @PostMapping("/{topic}/{partition}/{offset}/replay")
    @ResponseStatus(HttpStatus.ACCEPTED)
    public Replayed replay(@AuthenticationPrincipal Jwt caller, @PathVariable @Pattern(regexp = DLT) String topic,
                           @PathVariable @Min(0) @Max(1000) int partition, @PathVariable @Min(0) long offset) {
        String by = requireSuperAdmin(caller);
        requireExists(topic, partition);
        if (Topics.ACCESS.equals(DeadLetters.originalOf(topic))) {
            // a compacted topic of each user's latest access: an old copy put back would become the latest and
            // bring back grants taken since
            throw Refusal.conflict("LATEST_STATE_TOPIC", Topics.ACCESS + " carries each"
                    + " user's latest access, so an old copy is not put back: change the user (or restart"
                    + " approval-service, which publishes everyone's access) to publish it again").exception();
        }
        if (!DeadLetters.mayReplay(topic)) {
            throw Refusal.conflict("NOT_OWN_TOPIC", "approval-service may not write "
                    + DeadLetters.originalOf(topic) + ": only the service that owns a topic writes it (Kafka ACLs),"
                    + " so this letter can be read here but not put back").exception();
        }
        if (deadLetters.find(topic, partition, offset).isEmpty()) {
            throw Refusal.notFound("NO_SUCH_MESSAGE",
                    "there is no message at offset " + offset + " of " + topic + " partition " + partition).exception();
        }
        if (deadLetters.originalOf(topic, partition, offset).isEmpty()) {
            // any consumer of the topic can write its dead letters: only what the owner wrote may be put back
            throw Refusal.conflict("NOT_A_COPY_OF_THE_TOPIC", "this letter is not a copy of "
                    + "a message still on " + DeadLetters.originalOf(topic) + " (its dead-letter headers name none, or"
                    + " a different one): it is shown, but putting it back would publish whatever its writer chose as"
                    + " approval-service").exception();
        }
        if (!replays.claim(new ReplayLog.Replay(topic, partition, offset, by, clock.instant()))) {
            ReplayLog.Replay earlier = replays.find(topic, partition, offset).orElseThrow();
            throw Refusal.conflict("ALREADY_REPLAYED", "this message was replayed by "
                    + earlier.replayedBy() + " at " + earlier.replayedAt()).exception();
        }
        try {
            deadLetters.replay(topic, partition, offset);
        } catch (RuntimeException e) {
            replays.release(topic, partition, offset);
            throw e;
        }
        return new Replayed(topic, partition, offset, DeadLetters.originalOf(topic), by);
    }

    private void requireExists(String topic, int partition) {
        DeadLetters.TopicSummary summary = deadLetters.topics().stream().filter(t -> t.topic().equals(topic))
                .findFirst().orElseThrow(() -> Refusal.notFound("NO_SUCH_TOPIC",
                        "there is no dead-letter topic " + topic).exception());
        if (partition >= summary.partitions()) {
            throw Refusal.notFound("NO_SUCH_PARTITION", topic + " has "
                    + summary.partitions() + " partition(s), numbered from 0").exception();
        }
    }

    private String requireSuperAdmin(Jwt caller) {
        boolean superAdmin = access.find(caller.getSubject()).map(EffectiveAccess::permissions)
                .map(permissions -> permissions.isSuperAdmin()).orElse(false);
        if (!superAdmin) {
            throw Refusal.forbidden("SUPER_ADMIN_ONLY",
                    "only a super admin can see and replay dead letters").exception();
        }
        return caller.getSubject();
    }
}
