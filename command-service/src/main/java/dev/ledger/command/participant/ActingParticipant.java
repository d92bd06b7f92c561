package dev.ledger.command.participant;

import dev.ledger.web.request.RequestParams;
import org.springframework.stereotype.Component;

/**
 * The one place that decides who is acting in a request. Today the client names itself (the body's
 * {@code by}/{@code participantId}, or the path's participantId for views); once requests are authenticated
 * this binds to the authenticated identity and refuses a claim to be someone else.
 */
@Component
public class ActingParticipant {

    /**
     * @param claimed the participant the request says is acting
     * @param field   the request field (or path variable) that named it, for error messages
     */
    public String resolve(String claimed, String field) {
        return RequestParams.participantId(field, claimed);
    }
}
