package dev.ledger.query.web;

import java.util.Map;

/**
 * What a refused form left for the page it returns to (flash attributes set by the form handlers): which form
 * ({@code formName}: debate, claim, reason, acknowledgement, view, invitation, join), the message for each field
 * ({@code _form} for one about the whole form), the values sent (to fill the form again), and for a duplicate
 * reason the address of the existing one. Templates ask it per form and field.
 */
public record FormState(String formName, Map<String, String> errors, Map<String, String> values, String existingReasonUrl) {

    public static final String GENERAL = "_form";

    static FormState none() {
        return new FormState(null, Map.of(), Map.of(), null);
    }

    /** Whether the refused form is this one; {@code scope}, when not null, must match the sent {@code reasonId}/{@code claimId}. */
    public boolean is(String form, String scope) {
        if (formName == null || !formName.equals(form)) {
            return false;
        }
        return scope == null || scope.equals(values.get("reasonId")) || scope.equals(values.get("claimId"));
    }

    public boolean is(String form) {
        return is(form, null);
    }

    public String error(String form, String field) {
        return is(form) ? errors.get(field) : null;
    }

    public String error(String form, String scope, String field) {
        return is(form, scope) ? errors.get(field) : null;
    }

    /** The value the refused form sent for the field, to show it again; empty otherwise. */
    public String value(String form, String field) {
        return is(form) ? values.getOrDefault(field, "") : "";
    }

    public String value(String form, String scope, String field) {
        return is(form, scope) ? values.getOrDefault(field, "") : "";
    }
}
