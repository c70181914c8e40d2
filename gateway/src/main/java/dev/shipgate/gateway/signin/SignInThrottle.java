package dev.shipgate.gateway.signin;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Slows password guessing per user: decides whether a sign-in attempt may be checked at all, by the rules of
 * {@link SignInLimits}. It knows user ids and client addresses only, never whether a user exists, so an unknown user
 * name is slowed and locked exactly as a known one.
 *
 * <p>Use: {@link #admit} before checking the password; if admitted, {@link #succeeded} when it was right. An admitted
 * attempt counts as a failure from the moment it is admitted (and is forgiven on success), so guesses sent in
 * parallel cannot all pass before the first failure is counted. Refused attempts change nothing: hammering a lock
 * does not lengthen it.
 *
 * <p>State lives in this process (the gateway has no database): each gateway replica counts on its own.
 */
public final class SignInThrottle {

    /** The answer to one attempt. */
    public sealed interface Admission {
    }

    /**
     * The attempt may be checked.
     *
     * @param failures    the failures in a row of this user from this address, counting this attempt
     * @param pairWait    how long this address must wait for this user if this attempt fails (zero while free)
     * @param accountWait how long every address must wait for this user if this attempt fails (zero while free)
     * @param waitsUntil  when the next attempt of this user from this address may be checked if this one fails
     *                    (the later of both waits); null when it need not wait
     * @param locked      whether the pair's wait is the lock rather than a growing delay
     */
    public record Admitted(int failures, Duration pairWait, Duration accountWait, Instant waitsUntil, boolean locked)
            implements Admission {
    }

    /**
     * The attempt is not checked: this user from this address must wait until {@code retryAt}.
     *
     * @param retryAfter how long from now that is (positive)
     * @param failures   the failures in a row of this user from this address so far
     */
    public record Refused(Instant retryAt, Duration retryAfter, int failures) implements Admission {
    }

    private record Pair(String userId, String address) {
    }

    private record Failures(int count, Instant blockedUntil, Instant lastFailureAt) {
    }

    /**
     * Caffeine keeps a counter a little longer than it counts: its expire-after-write skips moving the write time of
     * an entry written again within a second (a contention optimisation), which forgot counters early when periods
     * were short. Whether a counter still counts is decided from its own last failure instead.
     */
    private static final Duration KEPT_BEYOND_FORGETTING = Duration.ofSeconds(5);

    private final SignInLimits limits;
    private final Clock clock;
    private final Cache<Pair, Failures> pairs;
    private final Cache<String, Failures> accounts;

    public SignInThrottle(SignInLimits limits, Clock clock) {
        this.limits = limits;
        this.clock = clock;
        Ticker ticker = () -> TimeUnit.MILLISECONDS.toNanos(clock.millis());
        this.pairs = counters(limits.forgetAfter().plus(KEPT_BEYOND_FORGETTING), ticker);
        this.accounts = counters(limits.accountForgetAfter().plus(KEPT_BEYOND_FORGETTING), ticker);
    }

    private <K> Cache<K, Failures> counters(Duration forgetAfter, Ticker ticker) {
        return Caffeine.newBuilder().expireAfterWrite(forgetAfter).maximumSize(limits.maxTracked()).ticker(ticker)
                .executor(Runnable::run).build();
    }

    /**
     * Whether an attempt of {@code userId} (canonical) from {@code address} may be checked now.
     *
     * @return {@link Admitted} (counted as a failure until {@link #succeeded}) or {@link Refused} with the time the
     *         later of the pair's and the account-wide wait ends
     */
    public synchronized Admission admit(String userId, String address) {
        Instant now = clock.instant();
        Pair pair = new Pair(userId, address);
        Failures ofPair = counting(pairs.getIfPresent(pair), limits.forgetAfter(), now);
        Failures ofAccount = counting(accounts.getIfPresent(userId), limits.accountForgetAfter(), now);
        Instant blockedUntil = later(ofPair == null ? null : ofPair.blockedUntil(),
                ofAccount == null ? null : ofAccount.blockedUntil());
        if (blockedUntil != null && now.isBefore(blockedUntil)) {
            return new Refused(blockedUntil, Duration.between(now, blockedUntil), ofPair == null ? 0 : ofPair.count());
        }
        int pairCount = ofPair == null ? 1 : ofPair.count() + 1;
        int accountCount = ofAccount == null ? 1 : ofAccount.count() + 1;
        Duration pairWait = limits.pairWait(pairCount);
        Duration accountWait = limits.accountWait(accountCount);
        pairs.put(pair, new Failures(pairCount, now.plus(pairWait), now));
        accounts.put(userId, new Failures(accountCount, now.plus(accountWait), now));
        Duration wait = pairWait.compareTo(accountWait) >= 0 ? pairWait : accountWait;
        return new Admitted(pairCount, pairWait, accountWait, wait.isZero() ? null : now.plus(wait),
                limits.isLock(pairCount));
    }

    /**
     * The admitted attempt of {@code userId} from {@code address} had the right password: forgets the failures of
     * that pair and the account-wide ones.
     *
     * @return the failures in a row from this address before this success
     */
    public synchronized int succeeded(String userId, String address) {
        Pair pair = new Pair(userId, address);
        Failures ofPair = counting(pairs.getIfPresent(pair), limits.forgetAfter(), clock.instant());
        pairs.invalidate(pair);
        accounts.invalidate(userId);
        return ofPair == null ? 0 : Math.max(0, ofPair.count() - 1);
    }

    /** The counter if it still counts: forgotten {@code forgetAfter} after its last failure. */
    private static Failures counting(Failures failures, Duration forgetAfter, Instant now) {
        return failures != null && now.isBefore(failures.lastFailureAt().plus(forgetAfter)) ? failures : null;
    }

    private static Instant later(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isAfter(b) ? a : b;
    }
}
