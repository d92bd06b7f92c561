package dev.ledger.query.web;

import dev.ledger.query.problem.NotReadyException;
import dev.ledger.web.problem.Refusal;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.servlet.support.RequestContextUtils;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What every page of the web view has: the viewer (for the header's sign-in state), fresh idempotency keys for its
 * forms, and refusals rendered as a page a person can read (the API's problem+json is for programs). Ordered before
 * the API's problem handler, and limited to the pages' controllers, so the API's answers (and those of the sign-in,
 * form and live endpoints) do not change.
 */
@ControllerAdvice(assignableTypes = {HomePage.class, DebatePage.class, ClaimPage.class, ParticipantPage.class})
@Order(Ordered.HIGHEST_PRECEDENCE)
class WebPageSupport {

    private static final Logger log = LoggerFactory.getLogger(WebPageSupport.class);

    /** A form's idempotency key: one per form and render, so a resubmitted form is recorded once. */
    public static final class IdempotencyKeys {
        public String fresh() {
            return UUID.randomUUID().toString();
        }
    }

    private static final IdempotencyKeys KEYS = new IdempotencyKeys();

    @ModelAttribute("viewer")
    Viewer viewer() {
        return Viewer.current();
    }

    private static final PageFormat FORMAT = new PageFormat();

    @ModelAttribute("fmt")
    PageFormat format() {
        return FORMAT;
    }

    /** The page's own path: forms shown on several pages send it as {@code returnTo}, to come back here. */
    @ModelAttribute("currentPath")
    String currentPath(HttpServletRequest request) {
        return request.getRequestURI();
    }

    @ModelAttribute("keys")
    IdempotencyKeys keys() {
        return KEYS;
    }

    @ModelAttribute("forms")
    FormState forms(HttpServletRequest request) {
        Map<String, ?> flash = RequestContextUtils.getInputFlashMap(request);
        if (flash == null || !(flash.get("formName") instanceof String formName)) {
            return FormState.none();
        }
        return new FormState(formName, strings(flash.get("formErrors")), strings(flash.get("formValues")),
                flash.get("existingReasonUrl") instanceof String url ? url : null);
    }

    private static Map<String, String> strings(Object map) {
        Map<String, String> strings = new HashMap<>();
        if (map instanceof Map<?, ?> entries) {
            entries.forEach((key, value) -> strings.put(String.valueOf(key), value == null ? null : String.valueOf(value)));
        }
        return strings;
    }

    /** A page asked to wait for a sequence the read model has not reached in time (after a form, say): reload later. */
    @ExceptionHandler(NotReadyException.class)
    String notReady(NotReadyException e, Model model, HttpServletResponse response) {
        response.setStatus(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        response.setHeader("Retry-After", "1");
        model.addAttribute("viewer", Viewer.current());
        model.addAttribute("forms", FormState.none());
        model.addAttribute("fmt", FORMAT);
        model.addAttribute("status", HttpServletResponse.SC_SERVICE_UNAVAILABLE);
        model.addAttribute("field", null);
        model.addAttribute("reason", "The ledger is still catching up with the latest change; reload the page in a moment.");
        return "web/error";
    }

    @ExceptionHandler(Refusal.class)
    String refused(Refusal refusal, Model model, HttpServletResponse response) {
        log.debug("Web page refused: {}", refusal.getMessage());
        response.setStatus(refusal.status().value());
        model.addAttribute("viewer", Viewer.current());
        model.addAttribute("forms", FormState.none());
        model.addAttribute("fmt", FORMAT);
        model.addAttribute("status", refusal.status().value());
        model.addAttribute("field", refusal.field());
        model.addAttribute("reason", refusal.reason());
        return "web/error";
    }
}
