package dev.ledger.command.problem;

import dev.ledger.web.problem.FieldError;
import dev.ledger.web.problem.ProblemWriter;
import dev.ledger.web.problem.Problems;
import dev.ledger.web.problem.Rejections;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Refuses request bodies over 1 MB with 413 problem+json: at once when Content-Length says so, and while
 * reading for chunked bodies (the read fails and {@link ProblemAdvice} answers 413). The import of a debate's bundle
 * has a larger bound of its own.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
public class BodySizeLimitFilter extends OncePerRequestFilter {

    public static final long LIMIT = 1024 * 1024;
    static final String REASON = "must be at most 1 MB (1048576 bytes)";
    static final String DETAIL = "The request body is larger than 1 MB; send a smaller body.";

    private final ProblemWriter writer;
    private final Rejections rejections;

    public BodySizeLimitFilter(ProblemWriter writer, Rejections rejections) {
        this.writer = writer;
        this.rejections = rejections;
    }

    /** The import of a debate's bundle (POST), which bounds its body itself, by ledger.history.import-max-bytes. */
    public static final String IMPORT_PATH = "/debates/import";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return IMPORT_PATH.equals(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (request.getContentLengthLong() > LIMIT) {
            rejections.record("too-large", 413, request.getMethod(), request.getRequestURI(), "body", REASON);
            // The client may still be sending; closing tells it (and Tomcat) not to expect us to read the rest.
            response.setHeader("Connection", "close");
            writer.write(request, response,
                    Problems.of(HttpStatus.CONTENT_TOO_LARGE, DETAIL, List.of(new FieldError("body", REASON)), Map.of()));
            return;
        }
        chain.doFilter(new LimitedRequest(request), response);
    }

    /** Thrown while reading a body that grows past the limit. */
    public static final class BodyTooLargeException extends IOException {
        BodyTooLargeException() {
            super("request body exceeds " + LIMIT + " bytes");
        }
    }

    private static final class LimitedRequest extends HttpServletRequestWrapper {

        private ServletInputStream limited;

        LimitedRequest(HttpServletRequest request) {
            super(request);
        }

        @Override
        public ServletInputStream getInputStream() throws IOException {
            if (limited == null) {
                limited = new LimitedInputStream(super.getInputStream());
            }
            return limited;
        }
    }

    private static final class LimitedInputStream extends ServletInputStream {

        private final ServletInputStream delegate;
        private long read;

        LimitedInputStream(ServletInputStream delegate) {
            this.delegate = delegate;
        }

        @Override
        public int read() throws IOException {
            int b = delegate.read();
            if (b >= 0) {
                count(1);
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = delegate.read(buffer, offset, length);
            if (n > 0) {
                count(n);
            }
            return n;
        }

        private void count(int n) throws IOException {
            read += n;
            if (read > LIMIT) {
                throw new BodyTooLargeException();
            }
        }

        @Override
        public boolean isFinished() {
            return delegate.isFinished();
        }

        @Override
        public boolean isReady() {
            return delegate.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            delegate.setReadListener(listener);
        }
    }
}
