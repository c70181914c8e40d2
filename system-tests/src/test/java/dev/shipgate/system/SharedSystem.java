package dev.shipgate.system;

import dev.shipgate.testing.RunningSystem;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import java.util.List;

/**
 * One system with the {@link #SETTINGS} every sharing class agrees on, for every system-test class that needs no
 * settings of its own: the first class to ask starts it, the end of the test run closes it (JUnit closes what its
 * root store holds). A class asks with {@code @ExtendWith(SharedSystem.class)} and a {@link RunningSystem} parameter
 * on its {@code @BeforeAll} method.
 *
 * <p>Classes sharing it see each other's data: they make their own images (a fresh digest), requests and grants
 * rather than counting what is there, and leave seeded settings (pipelines, users) as they found them. A class
 * that counts seeded data runs first; one that stops servers or changes seeded settings runs after the others and
 * leaves every process running ({@code @Order} on the class: the classes run in {@code ClassOrderer.OrderAnnotation}
 * order, set in {@code junit-platform.properties}).
 */
public final class SharedSystem implements ParameterResolver {

    /** For a class that reads the seeded data as the seed left it: before all others. */
    public static final int FIRST = org.junit.jupiter.api.Order.DEFAULT - 1;
    /** For classes that stop or restart parts of the shared system, or change seeded settings: after all others. */
    public static final int DISRUPTIVE = org.junit.jupiter.api.Order.DEFAULT + 1;
    /** For the class that moves the services' clocks on by a day ({@link TestClock}): after all that read time. */
    public static final int TIME_TRAVEL = DISRUPTIVE + 1;
    /** For the one class that deletes and rewrites seeded pipelines and users: the very last. */
    public static final int DESTRUCTIVE = TIME_TRAVEL + 1;

    /**
     * Rollouts of the simulated target take 3 s (20 by default); an image tagged {@code hang} times out after 20 s
     * (10 min); the rollout monitor follows what it started from its own watch list and reads every live deployment
     * only when it starts (every 10 s by default: a flow that needed that safety net fails here); the
     * demo users make thousands of calls across the classes, so the gateway's per-user limit is out of the way (the
     * gateway's own tests check it). The services' clocks follow {@link TestClock#SHARED}; reminders are looked for
     * every 2 s (15) and escalate to the group {@link TestClock#FALLBACK_GROUP} (none), which only its class makes.
     */
    static final List<String> SETTINGS = List.of("--shipgate.targets.simulated.progress-time=PT3S",
            "--shipgate.deploy.rollout-timeout=PT20S", "--shipgate.deploy.full-read-interval=PT1H",
            "--shipgate.gateway.rate-limit.per-second=100000", "--shipgate.gateway.rate-limit.burst=100000",
            TestClock.SHARED.setting(), "--shipgate.reminders.poll=PT2S",
            "--shipgate.reminders.defaults.fallback-group=" + TestClock.FALLBACK_GROUP);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(SharedSystem.class);

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSystem.class;
    }

    @Override
    public RunningSystem resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE)
                .computeIfAbsent(RunningSystem.class, type -> new RunningSystem(RunningSystem.ALL_SERVICES, SETTINGS),
                        RunningSystem.class);
    }
}
