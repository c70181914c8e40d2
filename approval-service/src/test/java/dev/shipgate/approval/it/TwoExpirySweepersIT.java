package dev.shipgate.approval.it;

import dev.shipgate.approval.approval.application.ApprovalRequests;
import dev.shipgate.approval.approval.application.ExpirySweeper;
import dev.shipgate.contracts.events.ApprovalExpired;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Expiry sweeps need no lease: two instances sweeping one database (here two more sweepers beside the service's own,
 * sweeping in tight loops as the approvals' lifetimes end) expire each request once, since the request's version lets
 * one update through. One ApprovalExpired per request on the topic.
 */
class TwoExpirySweepersIT extends ApprovalServiceTestBase {

    @Autowired
    ApprovalRequests requests;

    @Test
    void two_sweepers_on_one_database_publish_one_approval_expired_per_request() throws Exception {
        String pipeline = pipeline("prod", 1, List.of(), false, 2);
        List<String> requestIds = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            String digest = image("7.0." + i, "ci-bot");
            awaitImage(pipeline, digest);
            String requestId = http().post("alice", "/api/approval-requests", Map.of("pipelineId", pipeline,
                    "imageDigest", digest)).json().path("id").asString();
            assertThat(http().post("bob", "/api/approval-requests/" + requestId + "/approve", null).json()
                    .path("status").asString()).isEqualTo("APPROVED");
            requestIds.add(requestId);
        }

        AtomicBoolean sweeping = new AtomicBoolean(true);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> sweepers = new ArrayList<>();
        for (int instance = 0; instance < 2; instance++) {
            ExpirySweeper sweeper = new ExpirySweeper(requests, Clock.systemUTC());
            Thread thread = new Thread(() -> {
                try {
                    while (sweeping.get()) {
                        sweeper.sweep();
                    }
                } catch (Throwable e) {
                    failure.set(e);
                }
            });
            thread.start();
            sweepers.add(thread);
        }
        try {
            for (String requestId : requestIds) {
                topics.await(ApprovalExpired.class, e -> e.requestId().equals(requestId));
            }
        } finally {
            sweeping.set(false);
            for (Thread thread : sweepers) {
                thread.join();
            }
        }
        Awaitility.await().pollDelay(Duration.ofSeconds(2)).until(() -> true); // time for a doubled event to arrive

        assertThat(failure.get()).isNull();
        for (String requestId : requestIds) {
            assertThat(topics.events(ApprovalExpired.class, e -> e.requestId().equals(requestId)))
                    .as("ApprovalExpired of " + requestId).hasSize(1);
        }
    }
}
