package dev.ledger.command.participant;

import dev.ledger.web.problem.ForbiddenException;
import dev.ledger.web.request.RequestParams;
import dev.ledger.web.security.Caller;
import org.springframework.stereotype.Component;

/**
 * The one place that decides who is acting in a request: always the authenticated caller, whose handle is the
 * participant id. A request may still name the actor (the body's {@code by}/{@code participantId}, the path's
 * participantId of a view): that must then be the caller, or the request is refused with 403 naming the field.
 */
@Component
public class ActingParticipant {

    /**
     * @param caller the authenticated account (the security filters let no command through without one)
     * @param named  the participant the request names as acting, or null when it names none
     * @param field  the request field (or path variable) that named it, for error messages
     */
    public String resolve(Caller caller, String named, String field) {
        if (caller == null) {
            throw new IllegalStateException("a command reached the API without an authenticated account");
        }
        if (named != null && !RequestParams.participantId(field, named).equals(caller.handle())) {
            throw new ForbiddenException(field, "names '" + named + "', but the request is authenticated as '"
                    + caller.handle() + "': a request acts only as its caller (leave " + field + " out, or name the caller)");
        }
        return caller.handle();
    }
}
