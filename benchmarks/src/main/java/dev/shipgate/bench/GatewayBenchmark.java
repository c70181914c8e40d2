package dev.shipgate.bench;

import dev.shipgate.testing.Http;
import dev.shipgate.testing.RunningSystem;

import java.util.List;
import java.util.Locale;

/**
 * What the gateway adds: the same authenticated read (the pipeline list) through the gateway and straight to
 * deploy-service, alternated call by call so both see the same machine. {@code ./shipgate bench gateway [count]}.
 */
public final class GatewayBenchmark {

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
        try (RunningSystem system = new RunningSystem(List.of("approval-service", "deploy-service", "gateway"),
                List.of("--shipgate.gateway.rate-limit.per-second=100000",
                        "--shipgate.gateway.rate-limit.burst=100000"))) {
            Http gateway = new Http(system.gatewayUrl());
            Http direct = new Http(system.serviceUrl("deploy-service"));
            for (int i = 0; i < 200; i++) { // warm both paths up
                gateway.get("alice", "/api/pipelines");
                direct.get("alice", "/api/pipelines");
            }
            Stats viaGateway = new Stats();
            Stats straight = new Stats();
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                check(gateway.get("alice", "/api/pipelines"));
                viaGateway.add(System.nanoTime() - start);
                start = System.nanoTime();
                check(direct.get("alice", "/api/pipelines"));
                straight.add(System.nanoTime() - start);
            }
            System.out.printf(Locale.ROOT, "%n%-40s %s%n", "straight to deploy-service (baseline)", straight.summary());
            System.out.printf(Locale.ROOT, "%-40s %s%n", "through the gateway", viaGateway.summary());
            System.out.printf(Locale.ROOT, "%nadded by the gateway: p50 %.2f ms, p99 %.2f ms (ratio p50 %.2f)%n",
                    viaGateway.percentileMillis(50) - straight.percentileMillis(50),
                    viaGateway.percentileMillis(99) - straight.percentileMillis(99),
                    viaGateway.percentileMillis(50) / straight.percentileMillis(50));
        }
    }

    private static void check(Http.Response response) {
        if (response.status() != 200) {
            throw new IllegalStateException("answered " + response.status() + ": " + response.body());
        }
    }

    private GatewayBenchmark() {
    }
}
