package dev.ledger.web.security;

/**
 * The account a request acts as: its handle is the participant id it acts as in debates. Controllers take it as
 * {@code @AuthenticationPrincipal Caller caller}; it is null for an anonymous request and for the service token
 * (which is the service itself, never a participant). Serializable: the web view keeps it in the HTTP session.
 */
public record Caller(String handle, String displayName, boolean admin) implements java.io.Serializable {
}
