package dev.ledger.query.access;

import dev.ledger.query.api.DebateQueries;
import dev.ledger.query.api.ReadYourWrites;
import dev.ledger.query.eventstore.EventStoreUnavailable;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.Formats;
import dev.ledger.web.security.Reader;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import java.util.Locale;
import java.util.Map;

/**
 * The one place that decides who may read a debate: every request under {@code /debates/{debateId}} (and the web
 * view's {@code /web/debates/{debateId}}) passes here before its controller. A debate the reader may not read answers
 * exactly like a debate that does not exist (404 naming debateId, same body, at once), so an answer never confirms
 * that a private debate exists.
 * <p>
 * A request that waits for a sequence ({@code ?minSequence=}, {@code ?atSequence=}) the projection has not reached
 * yet is decided as of that sequence: the events the projection has not applied are read from the command-service's
 * event feed ({@link StoredAccess}), so a reader invited or joined by those events waits for them like any reader,
 * and anyone else is answered 404 at once, as for a debate the event store does not know. Only when the event feed
 * cannot be asked does the request wait first and get decided from the projection afterwards (404 then, or the
 * usual 503 when the projection is still behind).
 */
@Configuration(proxyBeanMethods = false)
class DebateReadGuard implements HandlerInterceptor, WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(DebateReadGuard.class);

    private final DebateAccess access;
    private final StoredAccess storedAccess;
    private final DebateQueries queries;
    private final ReadYourWrites readYourWrites;

    DebateReadGuard(DebateAccess access, StoredAccess storedAccess, DebateQueries queries, ReadYourWrites readYourWrites) {
        this.access = access;
        this.storedAccess = storedAccess;
        this.queries = queries;
        this.readYourWrites = readYourWrites;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/debates/*", "/debates/*/**", "/web/debates/*", "/web/debates/*/**");
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String rawId = variables == null ? null : variables.get("debateId");
        if (rawId == null || !Formats.isUuid(rawId)) {
            return true; // no debate named (the controller answers 400 naming debateId, or there is no such path)
        }
        String debateId = rawId.toLowerCase(Locale.ROOT);
        Reader reader = Reader.current();
        if (access.mayRead(debateId, reader)) {
            return true;
        }
        long waitsFor = Math.max(sequenceParameter(request, "minSequence"), sequenceParameter(request, "atSequence"));
        long projected = queries.lastSequence(debateId);
        if (waitsFor > projected && mayReadOnceApplied(debateId, reader, projected, waitsFor)) {
            return true;
        }
        throw unreadable();
    }

    private boolean mayReadOnceApplied(String debateId, Reader reader, long projected, long waitsFor) {
        try {
            return storedAccess.grants(debateId, reader, projected + 1, waitsFor);
        } catch (EventStoreUnavailable e) {
            log.debug("Could not ask the event store who may read debate {}; deciding after the wait: {}", debateId, e.getMessage());
            readYourWrites.awaitSequence(debateId, waitsFor);
            return access.mayRead(debateId, reader);
        }
    }

    /** The same refusal as for a debate nobody knows, whatever the reason. */
    private static NotFoundException unreadable() {
        return new NotFoundException("debateId", "names no debate known to the read model");
    }

    /** A wait parameter's value, 0 when absent or malformed (the controller answers 400 for that, if the reader may read). */
    private static long sequenceParameter(HttpServletRequest request, String name) {
        String value = request.getParameter(name);
        if (value == null || value.isEmpty() || value.length() > 18 || !value.chars().allMatch(Character::isDigit)) {
            return 0;
        }
        return Long.parseLong(value);
    }
}
