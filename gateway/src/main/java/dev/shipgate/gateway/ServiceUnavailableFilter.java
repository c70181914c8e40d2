package dev.shipgate.gateway;

import dev.shipgate.support.web.ProblemWriter;
import org.apache.hc.core5.http.NoHttpResponseException;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.client.HttpServerErrorException;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.http.HttpTimeoutException;
import java.util.Set;
import java.util.UUID;

/**
 * Gives every request an id (kept from {@code X-Request-Id} when the caller sent a sane one, passed on to the
 * services and echoed back), and answers with a clear problem+json when the service behind a route is down.
 *
 * <p>A call whose connection an instance refused never reached it, so it is sent again, whatever its method, up to
 * {@value #ATTEMPTS} times in all: the load balancer picks the next instance each time. This covers an instance that
 * died since the last health check. A call whose connection broke before an answer came (a pooled connection to an
 * instance that died, or one that died while working on it) is sent again only when its method is idempotent (RFC
 * 9110, 9.2.2): a POST may have been done. The request body is kept in memory for that when it has a declared
 * length of at most {@value #REPLAYABLE_BODY_BYTES} bytes; other calls with a body are sent once.
 */
@Component
public class ServiceUnavailableFilter extends OncePerRequestFilter {

    static final String REQUEST_ID = "X-Request-Id";
    static final int ATTEMPTS = 3;
    static final int REPLAYABLE_BODY_BYTES = 1 << 20;
    private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String requestId = request.getHeader(REQUEST_ID);
        if (requestId == null || !requestId.matches("[A-Za-z0-9._-]{8,64}")) {
            requestId = UUID.randomUUID().toString();
        }
        response.setHeader(REQUEST_ID, requestId);
        HttpServletRequest forwarded = new RequestIdRequest(request, requestId);
        long length = request.getContentLengthLong();
        // a chunked body of unknown length is not kept: such a call is sent once
        boolean replayable = length < 0 ? request.getHeader("Transfer-Encoding") == null
                : length <= REPLAYABLE_BODY_BYTES;
        if (replayable && length > 0) {
            forwarded = new ReplayableBodyRequest(forwarded);
        }
        for (int attempt = 1; ; attempt++) {
            try {
                chain.doFilter(forwarded, response);
                return;
            } catch (Exception e) {
                if (!isUnreachable(e) || response.isCommitted()) {
                    throw e;
                }
                boolean sendAgain = isRefusedAtConnect(e)
                        || IDEMPOTENT.contains(request.getMethod()) && isBrokenConnection(e);
                if (replayable && attempt < ATTEMPTS && sendAgain) {
                    response.resetBuffer();
                    continue;
                }
                ProblemWriter.write(response, HttpStatus.SERVICE_UNAVAILABLE, "SERVICE_UNAVAILABLE",
                        "the service behind " + request.getRequestURI()
                                + " is not reachable right now; try again shortly");
                return;
            }
        }
    }

    /** The connection broke before an answer came. */
    private static boolean isBrokenConnection(Throwable e) {
        return causedBy(e, SocketException.class, NoHttpResponseException.class);
    }

    /** No connection was made: the instance never saw the call. */
    private static boolean isRefusedAtConnect(Throwable e) {
        return causedBy(e, ConnectException.class);
    }

    private static boolean causedBy(Throwable e, Class<?>... kinds) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            for (Class<?> kind : kinds) {
                if (kind.isInstance(cause)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean isUnreachable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof SocketException || cause instanceof NoHttpResponseException
                    || cause instanceof HttpTimeoutException
                    || cause instanceof java.net.http.HttpConnectTimeoutException) {
                return true;
            }
            // the load balancer found no instance that answered its last health check
            if (cause instanceof HttpServerErrorException refused
                    && refused.getStatusCode().value() == HttpStatus.SERVICE_UNAVAILABLE.value()) {
                return true;
            }
        }
        return false;
    }

    /** Adds the request id to the headers the route forwards. */
    static final class RequestIdRequest extends jakarta.servlet.http.HttpServletRequestWrapper {
        private final String requestId;

        RequestIdRequest(HttpServletRequest request, String requestId) {
            super(request);
            this.requestId = requestId;
        }

        @Override
        public String getHeader(String name) {
            return REQUEST_ID.equalsIgnoreCase(name) ? requestId : super.getHeader(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaders(String name) {
            return REQUEST_ID.equalsIgnoreCase(name) ? java.util.Collections.enumeration(java.util.List.of(requestId))
                    : super.getHeaders(name);
        }

        @Override
        public java.util.Enumeration<String> getHeaderNames() {
            java.util.List<String> names = java.util.Collections.list(super.getHeaderNames());
            if (names.stream().noneMatch(REQUEST_ID::equalsIgnoreCase)) {
                names.add(REQUEST_ID);
            }
            return java.util.Collections.enumeration(names);
        }
    }
}
