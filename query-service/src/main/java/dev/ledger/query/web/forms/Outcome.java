package dev.ledger.query.web.forms;

import tools.jackson.databind.JsonNode;

import java.util.Map;

/** What the command-service made of a forwarded form. */
sealed interface Outcome {

    /** 2xx: the command's answer ({@code sequence} and the new ids). */
    record Accepted(JsonNode answer) implements Outcome {
    }

    /** A problem+json 4xx: each field at fault (the form's names) with the problem's detail; {@code _form} for none. */
    record Refused(int status, Map<String, String> errors, JsonNode problem) implements Outcome {
    }

    /** The session's command token is no longer accepted (revoked): the person has to sign in again. */
    record SignedOut() implements Outcome {
    }

    /** A 5xx, a timeout or no answer at all: nothing to tell beside a field; try again. */
    record Unavailable() implements Outcome {
    }
}
