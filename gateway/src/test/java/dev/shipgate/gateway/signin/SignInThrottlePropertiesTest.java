package dev.shipgate.gateway.signin;

import dev.shipgate.testing.SteppingClock;
import dev.shipgate.gateway.signin.SignInThrottle.Admission;
import dev.shipgate.gateway.signin.SignInThrottle.Admitted;
import dev.shipgate.gateway.signin.SignInThrottle.Refused;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The lock policy over generated limits and generated sequences of attempts (client address, right or wrong
 * password, pause before it), checked step by step against a model of what each answer promised:
 * <ul>
 *   <li>an attempt is checked exactly when every wait promised to its pair and to the account has passed, and a
 *   refusal names the end of the longest of them (so Retry-After is honest, and refusals change nothing);</li>
 *   <li>the wait of a user and address pair never shrinks while its failures go on (monotone delay), and a success
 *   or a long enough quiet makes the next failure the first again (reset);</li>
 *   <li>no wait exceeds the lock, and an address that owes no wait of its own is kept out at most
 *   {@code account-max-delay} after the last failure on the account (bounded lock per account);</li>
 *   <li>one address guessing as fast as it is let cannot keep the user at another address out for longer than
 *   {@code account-max-delay} per failure it may chain before its lock; with the defaults, not past 30 seconds.</li>
 * </ul>
 */
class SignInThrottlePropertiesTest {

    private static final String USER = "carol";
    private static final Instant START = Instant.parse("2026-03-02T09:00:00Z");

    record Step(int address, boolean rightPassword, Duration pause) {
    }

    @Property(tries = 50)
    void an_account_wide_wait_as_long_as_the_lock_is_refused(@ForAll @IntRange(min = 1, max = 30) int minutes,
                                                            @ForAll @IntRange(min = 0, max = 120) int longer) {
        Duration lock = Duration.ofMinutes(minutes);
        assertThatThrownBy(() -> new SignInLimits(3, Duration.ofSeconds(1), 10, lock, Duration.ofHours(24), 20,
                lock.plusSeconds(longer), Duration.ofHours(24), 100)).isInstanceOf(IllegalArgumentException.class);
    }

    /** What the answers so far promised one pair: its failures in a row and the end of its own wait. */
    private static final class PairModel {
        int failures;
        Duration lastWait = Duration.ZERO;
        Instant lastFailureAt;
        Instant waitsUntil = Instant.MIN;
    }

    @Property(tries = 400)
    void every_answer_keeps_the_promises_of_the_answers_before_it(@ForAll("limits") SignInLimits limits,
                                                                  @ForAll("steps") List<Step> steps) {
        SteppingClock clock = new SteppingClock(START);
        SignInThrottle throttle = new SignInThrottle(limits, clock);
        Map<Integer, PairModel> pairs = new HashMap<>();
        int accountFailures = 0;
        Instant accountLastFailureAt = null;
        Instant accountWaitsUntil = Instant.MIN;

        for (Step step : steps) {
            clock.step(step.pause());
            Instant now = clock.instant();
            String address = "10.0.0." + step.address();
            PairModel pair = pairs.computeIfAbsent(step.address(), a -> new PairModel());
            boolean pairForgotten = pair.lastFailureAt != null
                    && !now.isBefore(pair.lastFailureAt.plus(limits.forgetAfter()));
            boolean pairAtForgetBoundary = pair.lastFailureAt != null
                    && Duration.between(pair.lastFailureAt, now).minus(limits.forgetAfter()).abs().toMillis() <= 1;
            if (accountLastFailureAt != null
                    && !now.isBefore(accountLastFailureAt.plus(limits.accountForgetAfter()))) {
                accountFailures = 0;
            }
            Instant promised = later(pairForgotten ? Instant.MIN : pair.waitsUntil, accountWaitsUntil);

            Admission admission = throttle.admit(USER, address);
            if (admission instanceof Refused refused) {
                assertThat(now).as("refused although every promised wait is over").isBefore(promised);
                assertThat(refused.retryAt()).as("Retry-After names the end of the longest wait").isEqualTo(promised);
                assertThat(refused.retryAfter()).isLessThanOrEqualTo(max(limits.lockDuration(),
                        limits.accountMaxDelay()));
                if (!now.isBefore(pair.waitsUntil) || pairForgotten) {
                    assertThat(refused.retryAt()).as("an address owing no wait of its own is kept out briefly")
                            .isBeforeOrEqualTo(accountLastFailureAt.plus(limits.accountMaxDelay()));
                }
                assertThat(throttle.admit(USER, address)).as("a refusal changes nothing").isEqualTo(refused);
                continue;
            }
            Admitted admitted = (Admitted) admission;
            assertThat(now).as("checked before a promised wait was over").isAfterOrEqualTo(promised);
            if (pairForgotten || pair.failures == 0) {
                if (!pairAtForgetBoundary || admitted.failures() == 1) {
                    pair.failures = 0;
                    pair.lastWait = Duration.ZERO;
                }
            }
            assertThat(admitted.failures()).as("failures in a row").isEqualTo(pair.failures + 1);
            assertThat(admitted.pairWait()).as("the pair's wait never shrinks while failures go on")
                    .isGreaterThanOrEqualTo(pair.lastWait);
            assertThat(admitted.pairWait()).isLessThanOrEqualTo(limits.lockDuration());
            assertThat(admitted.accountWait()).isLessThanOrEqualTo(limits.accountMaxDelay());
            if (admitted.failures() <= limits.freeFailures()) {
                assertThat(admitted.pairWait()).as("free failures cost no wait").isZero();
            }
            if (accountFailures < limits.accountFreeFailures()) {
                assertThat(admitted.accountWait()).as("free account-wide failures cost no wait").isZero();
            }
            pair.failures = admitted.failures();
            pair.lastWait = admitted.pairWait();
            pair.lastFailureAt = now;
            pair.waitsUntil = now.plus(admitted.pairWait());
            accountFailures++;
            accountLastFailureAt = now;
            accountWaitsUntil = now.plus(admitted.accountWait());

            if (step.rightPassword()) {
                assertThat(throttle.succeeded(USER, address)).isEqualTo(admitted.failures() - 1);
                pairs.put(step.address(), new PairModel());
                accountFailures = 0;
                accountWaitsUntil = Instant.MIN;
            }
        }
    }

    @Property(tries = 300)
    void one_address_guessing_as_fast_as_it_may_keeps_the_user_out_only_briefly(
            @ForAll("limits") SignInLimits limits, @ForAll @IntRange(min = 1, max = 3_000) int attackerGapMillis,
            @ForAll @IntRange(min = 0, max = 6 * 3600) int userArrivesAfterSeconds) {
        // the user is kept out only while the attacker's failures follow each other within account-max-delay; after
        // failure n the attacker waits pairWait(n), and from lock-after on the lock, longer than account-max-delay
        int chained = 1;
        for (int failure = 1; failure < limits.lockAfter(); failure++) {
            chained += limits.pairWait(failure).compareTo(limits.accountMaxDelay()) <= 0 ? 1 : 0;
        }
        Duration outage = userWaits(limits, Duration.ofMillis(attackerGapMillis),
                Duration.ofSeconds(userArrivesAfterSeconds));
        assertThat(outage).isLessThanOrEqualTo(limits.accountMaxDelay().multipliedBy(chained));
    }

    @Property(tries = 200)
    void with_the_default_limits_one_address_keeps_the_user_out_at_most_thirty_seconds(
            @ForAll @IntRange(min = 1, max = 3_000) int attackerGapMillis,
            @ForAll @IntRange(min = 0, max = 30 * 3600) int userArrivesAfterSeconds) {
        Duration outage = userWaits(SignInLimits.DEFAULTS, Duration.ofMillis(attackerGapMillis),
                Duration.ofSeconds(userArrivesAfterSeconds));
        assertThat(outage).isLessThanOrEqualTo(Duration.ofSeconds(30));
    }

    /**
     * An attacker at one address tries wrong passwords from the start, each as soon as it is let (and at least
     * {@code attackerGap} apart); the user arrives at another address later with the right one, and on a refusal
     * tries again at its Retry-After. How long from the user's first try until they are signed in.
     */
    private static Duration userWaits(SignInLimits limits, Duration attackerGap, Duration userArrivesAfter) {
        SteppingClock clock = new SteppingClock(START);
        SignInThrottle throttle = new SignInThrottle(limits, clock);
        Instant attackerNext = START;
        Instant userNext = START.plus(userArrivesAfter);
        Instant userFirstTry = userNext;
        for (int events = 0; events < 1_000_000; events++) {
            boolean attackersTurn = !attackerNext.isAfter(userNext); // a tie goes to the attacker: worst case
            Instant at = attackersTurn ? attackerNext : userNext;
            clock.step(Duration.between(clock.instant(), at));
            if (attackersTurn) {
                Admission admission = throttle.admit(USER, "10.6.6.6");
                attackerNext = admission instanceof Refused refused ? refused.retryAt()
                        : later(((Admitted) admission).waitsUntil(), at.plus(attackerGap));
            } else if (throttle.admit(USER, "10.1.1.1") instanceof Refused refused) {
                userNext = refused.retryAt();
            } else {
                throttle.succeeded(USER, "10.1.1.1");
                return Duration.between(userFirstTry, at);
            }
        }
        throw new AssertionError("the user never got in");
    }

    @Provide
    Arbitrary<SignInLimits> limits() {
        Arbitrary<Integer> free = Arbitraries.integers().between(0, 4);
        Arbitrary<Integer> lockAfterFree = Arbitraries.integers().between(1, 6);
        Arbitrary<Duration> firstDelay = Arbitraries.integers().between(1, 5).map(Duration::ofSeconds);
        Arbitrary<Duration> lock = Arbitraries.integers().between(1, 30).map(Duration::ofMinutes);
        Arbitrary<Duration> forgetBeyondLock = Arbitraries.integers().between(0, 48 * 60).map(Duration::ofMinutes);
        Arbitrary<Integer> accountFree = Arbitraries.integers().between(0, 12);
        Arbitrary<Duration> accountMax = Arbitraries.integers().between(1, 59).map(Duration::ofSeconds);
        Arbitrary<Duration> accountForgetBeyond = Arbitraries.integers().between(0, 120).map(Duration::ofMinutes);
        return Combinators.combine(free, lockAfterFree, firstDelay, lock, forgetBeyondLock, accountFree, accountMax,
                accountForgetBeyond).as((f, l, d, lk, fg, af, am, afg) -> new SignInLimits(f, d, f + l, lk,
                lk.plus(fg), af, am, am.plus(afg), 100_000));
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Duration> pause = Arbitraries.frequencyOf(
                Tuple(3, Arbitraries.just(Duration.ZERO)),
                Tuple(4, Arbitraries.integers().between(1, 999).map(Duration::ofMillis)),
                Tuple(6, Arbitraries.integers().between(1, 64).map(Duration::ofSeconds)),
                Tuple(2, Arbitraries.integers().between(1, 40).map(Duration::ofMinutes)),
                Tuple(1, Arbitraries.integers().between(1, 50).map(Duration::ofHours)));
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3),
                Arbitraries.frequency(Tuple(1, true), Tuple(5, false)), pause).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(120);
    }

    private static <T> net.jqwik.api.Tuple.Tuple2<Integer, T> Tuple(int weight, T value) {
        return net.jqwik.api.Tuple.of(weight, value);
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
