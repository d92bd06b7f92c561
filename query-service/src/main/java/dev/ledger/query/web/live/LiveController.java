package dev.ledger.query.web.live;

import dev.ledger.query.api.DebateQueries;
import dev.ledger.web.problem.FieldError;
import dev.ledger.web.problem.ProblemWriter;
import dev.ledger.web.problem.Problems;
import dev.ledger.web.request.RequestParams;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code GET /web/debates/{debateId}/live}: server-sent events telling an open page that its debate changed, each
 * {@code id: <sequence>}, {@code event: changed}, {@code data: {"debateId", "sequence"}}, as soon as the projection
 * committed it. Who may read the debate: DebateReadGuard, as for its pages (404 otherwise). Resumable: with
 * {@code Last-Event-ID: N} (which the browser's EventSource sends when it reconnects), or {@code ?since=N} on the
 * first connection (the sequence the page shows), a debate already beyond N is told so at once; without either,
 * only what is committed from now on.
 */
@Controller
class LiveController {

    private final LiveStreams streams;
    private final DebateQueries queries;
    private final ProblemWriter problems;

    LiveController(LiveStreams streams, DebateQueries queries, ProblemWriter problems) {
        this.streams = streams;
        this.queries = queries;
        this.problems = problems;
    }

    @GetMapping(path = "/web/debates/{debateId}/live", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter live(@PathVariable String debateId, @RequestHeader(name = "Last-Event-ID", required = false) String lastEventId,
                    @RequestParam(required = false) String since, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        String debate = RequestParams.uuid("debateId", debateId);
        String given = lastEventId != null ? lastEventId : since;
        // without either, the page is as new as the read model: only what comes next is news
        long seen = given == null ? queries.lastSequence(debate) : sequence(given);
        Optional<SseEmitter> opened = streams.open(debate, seen);
        if (opened.isEmpty()) {
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            problems.write(request, response, Problems.of("busy", HttpStatus.SERVICE_UNAVAILABLE, "Already "
                    + streams.maxOpen() + " live pages are open on this instance (the most allowed at once); the page"
                    + " still works without live updates, and retries after the Retry-After delay.",
                    List.of(new FieldError("debateId", "cannot be followed live now: too many live pages are open")), Map.of()));
            return null;
        }
        // read again once the stream is open: a commit in between reaches the stream one way or the other
        streams.changed(debate, queries.lastSequence(debate));
        return opened.get();
    }

    /** The sequence a reader saw; 0 (everything is news) when absent or not a sequence. */
    private static long sequence(String value) {
        try {
            return value == null ? 0 : Math.max(0, Long.parseLong(value.strip()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
