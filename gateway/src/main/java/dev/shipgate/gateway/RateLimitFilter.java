package dev.shipgate.gateway;

import dev.shipgate.support.web.ProblemWriter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per signed-in user (per client address before sign-in, which also slows password guessing): a burst
 * of {@code burst} API calls, refilled at {@code per-second}. Past it the caller gets 429 with Retry-After.
 */
@Component
@EnableConfigurationProperties(RateLimitSettings.class)
class RateLimitFilter extends OncePerRequestFilter {

    private final double perSecond;
    private final double burst;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    RateLimitFilter(RateLimitSettings settings) {
        this.perSecond = settings.perSecond();
        this.burst = settings.burst();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication caller = SecurityContextHolder.getContext().getAuthentication();
        String key = caller != null && caller.isAuthenticated() && caller.getName() != null
                && !"anonymousUser".equals(caller.getName()) ? "user:" + caller.getName()
                : "address:" + request.getRemoteAddr();
        Bucket bucket = buckets.computeIfAbsent(key, k -> new Bucket(burst));
        if (!bucket.take(perSecond, burst)) {
            response.setHeader("Retry-After", "1");
            ProblemWriter.write(response, HttpStatus.TOO_MANY_REQUESTS, "RATE_LIMITED",
                    "too many requests: at most " + (int) perSecond + " per second, bursts of " + (int) burst);
            return;
        }
        chain.doFilter(request, response);
    }

    /** Tokens refill continuously with time; one request takes one. */
    private static final class Bucket {
        private double tokens;
        private long updatedAt = System.nanoTime();

        Bucket(double tokens) {
            this.tokens = tokens;
        }

        synchronized boolean take(double perSecond, double burst) {
            long now = System.nanoTime();
            tokens = Math.min(burst, tokens + (now - updatedAt) / 1e9 * perSecond);
            updatedAt = now;
            if (tokens < 1) {
                return false;
            }
            tokens -= 1;
            return true;
        }
    }
}
