package dev.shipgate.gateway.signin;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import java.time.Duration;

/**
 * How failed password sign-ins slow the next attempts ({@code shipgate.gateway.sign-in.*}). Two counters, both keyed
 * by the canonical user id:
 * <ul>
 *   <li><b>per user and client address</b>: {@code free-failures} failures cost nothing; each further one makes that
 *   address wait before its next attempt is even checked, {@code first-delay} doubling per failure; the
 *   {@code lock-after}-th failure and every later one locks that address out of that user for
 *   {@code lock-duration}. A success resets it.</li>
 *   <li><b>per user, all addresses</b> (guessing spread over many addresses): past {@code account-free-failures}
 *   failures each further one blocks every address for {@code first-delay} doubling, never more than
 *   {@code account-max-delay} after the last failure, so failures from one address cannot keep the user out of
 *   their account from elsewhere for longer than that. A success resets it.</li>
 * </ul>
 * Counters are forgotten {@code forget-after} (per address) or {@code account-forget-after} after their last failure,
 * and at most {@code max-tracked} of each are kept (the least recently used go first).
 *
 * @param freeFailures        failures per user and address before any wait (default 3)
 * @param firstDelay          the first wait; it doubles per further failure (default 1 s)
 * @param lockAfter           the failure (counted per user and address) from which the lock applies (default 10)
 * @param lockDuration        how long the lock lasts after each failure from the {@code lock-after}-th on (15 min)
 * @param forgetAfter         a user and address pair's failures are forgotten this long after the last one (24 h)
 * @param accountFreeFailures failures per user over all addresses before any account-wide wait (default 20)
 * @param accountMaxDelay     the longest account-wide wait after one failure (default 30 s)
 * @param accountForgetAfter  a user's account-wide failures are forgotten this long after the last one (1 h)
 * @param maxTracked          at most this many pairs, and this many users, are tracked (default 100,000)
 */
@ConfigurationProperties("shipgate.gateway.sign-in")
public record SignInLimits(@DefaultValue("3") int freeFailures, @DefaultValue("1s") Duration firstDelay,
                           @DefaultValue("10") int lockAfter, @DefaultValue("15m") Duration lockDuration,
                           @DefaultValue("24h") Duration forgetAfter, @DefaultValue("20") int accountFreeFailures,
                           @DefaultValue("30s") Duration accountMaxDelay,
                           @DefaultValue("1h") Duration accountForgetAfter,
                           @DefaultValue("100000") long maxTracked) {

    /** The defaults above, for code that runs without Spring (tests of the policy). */
    public static final SignInLimits DEFAULTS = new SignInLimits(3, Duration.ofSeconds(1), 10,
            Duration.ofMinutes(15), Duration.ofHours(24), 20, Duration.ofSeconds(30), Duration.ofHours(1), 100_000);

    public SignInLimits {
        if (freeFailures < 0 || lockAfter <= freeFailures || accountFreeFailures < 0 || maxTracked < 1) {
            throw new IllegalArgumentException("sign-in limits need 0 <= free-failures < lock-after, "
                    + "account-free-failures >= 0 and max-tracked >= 1");
        }
        if (!isPositive(firstDelay) || !isPositive(lockDuration) || !isPositive(accountMaxDelay)
                || forgetAfter == null || forgetAfter.compareTo(lockDuration) < 0
                || accountForgetAfter == null || accountForgetAfter.compareTo(accountMaxDelay) < 0) {
            throw new IllegalArgumentException("sign-in limits need positive delays and forget-after periods at "
                    + "least as long as the lock and the account-wide wait");
        }
        // a locked address fails again only after lock-duration: shorter account waits end before that, so one
        // address alone cannot chain them into a lock-out of the user from elsewhere
        if (accountMaxDelay.compareTo(lockDuration) >= 0) {
            throw new IllegalArgumentException("sign-in limits need account-max-delay shorter than lock-duration");
        }
    }

    /**
     * The wait a user and address pair owes after its {@code failures}-th failure in a row: zero while free, then
     * {@code first-delay} doubling, and {@code lock-duration} from {@code lock-after} on. Never shrinks as
     * {@code failures} grows.
     */
    public Duration pairWait(int failures) {
        if (failures >= lockAfter) {
            return lockDuration;
        }
        return doubling(failures - freeFailures, lockDuration);
    }

    /** The account-wide wait after a user's {@code failures}-th failure over all addresses: at most the cap. */
    public Duration accountWait(int failures) {
        return doubling(failures - accountFreeFailures, accountMaxDelay);
    }

    /** Whether a pair's wait after {@code failures} failures is the lock rather than a growing delay. */
    public boolean isLock(int failures) {
        return failures >= lockAfter;
    }

    /** {@code first-delay} times 2^(n-1) for n >= 1, zero for n <= 0, never above {@code cap}. */
    private Duration doubling(int beyondFree, Duration cap) {
        if (beyondFree <= 0) {
            return Duration.ZERO;
        }
        int doublings = Math.min(beyondFree - 1, 40); // 2^40 seconds is past any sane cap: no overflow
        Duration wait = firstDelay.multipliedBy(1L << doublings);
        return wait.compareTo(cap) > 0 ? cap : wait;
    }

    private static boolean isPositive(Duration duration) {
        return duration != null && !duration.isNegative() && !duration.isZero();
    }
}
