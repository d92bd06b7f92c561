package dev.ledger.query.web.forms;

import dev.ledger.query.web.signin.SessionToken;
import dev.ledger.web.problem.NotFoundException;
import dev.ledger.web.request.Formats;
import dev.ledger.web.security.Caller;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.servlet.view.RedirectView;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The web view's forms (POST, CSRF-checked, signed in only: see WebSecurityConfiguration). Each one is the
 * command-service's command of the same name, sent as the signed-in account with the form's {@code idempotencyKey}
 * (a hidden field each rendered form carries, so submitting it twice records it once). Then, always a 303:
 * <ul>
 *   <li>accepted: to the page of what was made or changed, with {@code ?minSequence=} so the page waits (bounded) for
 *       the projection to show it;</li>
 *   <li>refused (a problem+json 4xx): back to the form's page ({@code returnTo}, a path under /web/, or the form's
 *       usual page) with the flash attributes {@value #FORM_NAME}, {@value #FORM_ERRORS} (form field, or
 *       {@code _form}, to the problem's detail), {@value #FORM_VALUES} (what was submitted) and, for a duplicate
 *       reason, {@value #EXISTING_REASON_URL};</li>
 *   <li>the ledger busy or unreachable: back, with {@code _form} saying so.</li>
 * </ul>
 */
@Controller
class FormPosts {

    static final String FORM_NAME = "formName";
    static final String FORM_ERRORS = "formErrors";
    static final String FORM_VALUES = "formValues";
    static final String EXISTING_REASON_URL = "existingReasonUrl";
    static final String BUSY = "The ledger is busy just now; nothing was recorded. Try again in a moment.";

    private static final String IDEMPOTENCY_KEY = "idempotencyKey";
    private static final String RETURN_TO = "returnTo";
    private static final Set<String> NOT_ECHOED = Set.of("_csrf", IDEMPOTENCY_KEY, RETURN_TO);
    /** A page of the web view: a path under /web/ with nothing that could lead elsewhere. */
    private static final Pattern WEB_PAGE = Pattern.compile("/web/[A-Za-z0-9._~/?=&%#-]*");

    private final CommandForwarding forwarding;

    FormPosts(CommandForwarding forwarding) {
        this.forwarding = forwarding;
    }

    /** What one form is: its name, its page, its command and where an accepted one leads. */
    private record Form(String name, String page, Command command, Set<String> fields, Map<String, String> apiFieldNames,
                        Function<JsonNode, String> madePage) {
    }

    @PostMapping("/web/debates")
    RedirectView openDebate(@RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("title", form.getFirst("title"));
        putIfGiven(body, "description", form.getFirst("description"));
        putIfGiven(body, "visibility", form.getFirst("visibility"));
        return submit(new Form("debate", "/web/", Command.post("/debates", body), Set.of("title", "description", "visibility"),
                Map.of(), answer -> page("/web/debates/{debateId}", answer.path("debateId").asString())), form, request, flash);
    }

    @PostMapping("/web/debates/{debateId}/claims")
    RedirectView stateClaim(@PathVariable String debateId, @RequestParam MultiValueMap<String, String> form,
                            HttpServletRequest request, RedirectAttributes flash) {
        String debate = debate(debateId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("statement", form.getFirst("statement"));
        return submit(new Form("claim", page("/web/debates/{debateId}", debate), Command.post("/debates/{debateId}/claims", body, debate),
                Set.of("statement"), Map.of(), answer -> page("/web/debates/{debateId}/claims/{claimId}", debate,
                answer.path("claimId").asString())), form, request, flash);
    }

    @PostMapping("/web/debates/{debateId}/reasons")
    RedirectView proposeReason(@PathVariable String debateId, @RequestParam MultiValueMap<String, String> form,
                               HttpServletRequest request, RedirectAttributes flash) {
        String debate = debate(debateId);
        String claimId = form.getFirst("claimId");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("claimId", claimId);
        body.put("stance", form.getFirst("stance"));
        body.put("text", form.getFirst("text"));
        putIfGiven(body, "inReplyTo", form.getFirst("inReplyTo"));
        String claimPage = claimId == null || claimId.isBlank() ? page("/web/debates/{debateId}", debate)
                : page("/web/debates/{debateId}/claims/{claimId}", debate, claimId);
        return submit(new Form("reason", claimPage, Command.post("/debates/{debateId}/reasons", body, debate),
                Set.of("claimId", "stance", "text", "inReplyTo"), Map.of(),
                answer -> claimPage + "#reason-" + answer.path("reasonId").asString()), form, request, flash);
    }

    @PostMapping("/web/debates/{debateId}/reasons/{reasonId}/acknowledgements")
    RedirectView acknowledge(@PathVariable String debateId, @PathVariable String reasonId,
                             @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        String debate = debate(debateId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", form.getFirst("kind"));
        putIfGiven(body, "note", form.getFirst("note"));
        String debatePage = page("/web/debates/{debateId}", debate);
        return submit(new Form("acknowledgement", debatePage,
                Command.post("/debates/{debateId}/reasons/{reasonId}/acknowledgements", body, debate, reasonId),
                Set.of("kind", "note"), Map.of(), answer -> debatePage), form, request, flash);
    }

    @PostMapping("/web/debates/{debateId}/views/{claimId}")
    RedirectView updateView(@PathVariable String debateId, @PathVariable String claimId,
                            @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        String debate = debate(debateId);
        String claimPage = page("/web/debates/{debateId}/claims/{claimId}", debate, claimId);
        Map<String, Object> body = new LinkedHashMap<>();
        Double credence = number(form.getFirst("credence"));
        if (credence == null) {
            return refusedHere("view", claimPage, "credence", "credence must be a number from 0 to 1", form, flash);
        }
        body.put("credence", credence);
        putIfGiven(body, "rationale", form.getFirst("rationale"));
        List<String> reasons = form.getOrDefault("reasonIds", List.of()).stream().filter(id -> !id.isBlank()).toList();
        if (!reasons.isEmpty()) {
            body.put("becauseOf", reasons);
        }
        return submit(new Form("view", claimPage, Command.put("/debates/{debateId}/views/{claimId}", body, debate, claimId),
                Set.of("credence", "rationale", "reasonIds"), Map.of("becauseOf", "reasonIds"), answer -> claimPage),
                form, request, flash);
    }

    /** The owner resolves the claim ({@code outcome} true or false) or, with {@code outcome=annul}, annuls its resolution. */
    @PostMapping("/web/debates/{debateId}/claims/{claimId}/resolution")
    RedirectView resolve(@PathVariable String debateId, @PathVariable String claimId,
                         @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        String debate = debate(debateId);
        String claimPage = page("/web/debates/{debateId}/claims/{claimId}", debate, claimId);
        String outcome = form.getFirst("outcome");
        Map<String, Object> body = new LinkedHashMap<>();
        putIfGiven(body, "note", form.getFirst("note"));
        Command command;
        if ("annul".equals(outcome)) {
            command = Command.delete("/debates/{debateId}/claims/{claimId}/resolution", body, debate, claimId);
        } else if ("true".equals(outcome) || "false".equals(outcome)) {
            body.put("outcome", Boolean.parseBoolean(outcome));
            command = Command.post("/debates/{debateId}/claims/{claimId}/resolution", body, debate, claimId);
        } else {
            return refusedHere("resolution", claimPage, "outcome", "choose true, false or annul", form, flash);
        }
        return submit(new Form("resolution", claimPage, command, Set.of("outcome", "note"), Map.of(), answer -> claimPage),
                form, request, flash);
    }

    @PostMapping("/web/debates/{debateId}/invitations")
    RedirectView invite(@PathVariable String debateId, @RequestParam MultiValueMap<String, String> form,
                        HttpServletRequest request, RedirectAttributes flash) {
        String debate = debate(debateId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("handle", form.getFirst("handle"));
        body.put("role", form.getFirst("role"));
        String debatePage = page("/web/debates/{debateId}", debate);
        return submit(new Form("invitation", debatePage, Command.post("/debates/{debateId}/invitations", body, debate),
                Set.of("handle", "role"), Map.of(), answer -> debatePage), form, request, flash);
    }

    @PostMapping("/web/debates/{debateId}/participants")
    RedirectView join(@PathVariable String debateId, @AuthenticationPrincipal Caller caller,
                      @RequestParam MultiValueMap<String, String> form, HttpServletRequest request, RedirectAttributes flash) {
        String debate = debate(debateId);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("displayName", caller.displayName());
        String debatePage = page("/web/debates/{debateId}", debate);
        return submit(new Form("join", debatePage, Command.post("/debates/{debateId}/participants", body, debate),
                Set.of(), Map.of(), answer -> debatePage), form, request, flash);
    }

    private RedirectView submit(Form form, MultiValueMap<String, String> submitted, HttpServletRequest request,
                                RedirectAttributes flash) {
        String back = returnTo(submitted.getFirst(RETURN_TO), form.page());
        String token = SessionToken.of(request).orElse(null);
        if (token == null) {
            return signInAgain(request);
        }
        Outcome outcome = forwarding.send(token, submitted.getFirst(IDEMPOTENCY_KEY), form.command(), form.apiFieldNames(), form.fields());
        if (outcome instanceof Outcome.Accepted accepted) {
            return seeOther(UriComponentsBuilder.fromUriString(form.madePage().apply(accepted.answer()))
                    .queryParam("minSequence", accepted.answer().path("sequence").asLong()).build().toUriString());
        }
        if (outcome instanceof Outcome.Refused refused) {
            flashBack(form.name(), refused.errors(), submitted, flash);
            String existing = refused.problem().path("existingReasonId").asString("");
            if (refused.status() == HttpStatus.CONFLICT.value() && !existing.isEmpty()) {
                // the same author's reason on the same claim: on the claim's page, the form's own
                flash.addFlashAttribute(EXISTING_REASON_URL, form.page() + "#reason-" + existing);
            }
            return seeOther(back);
        }
        if (outcome instanceof Outcome.SignedOut) {
            return signInAgain(request);
        }
        flashBack(form.name(), Map.of(CommandForwarding.FORM, BUSY), submitted, flash);
        return seeOther(back);
    }

    private static RedirectView refusedHere(String formName, String page, String field, String why,
                                            MultiValueMap<String, String> submitted, RedirectAttributes flash) {
        flashBack(formName, Map.of(field, why), submitted, flash);
        return seeOther(returnTo(submitted.getFirst(RETURN_TO), page));
    }

    private static void flashBack(String formName, Map<String, String> errors, MultiValueMap<String, String> submitted,
                                  RedirectAttributes flash) {
        Map<String, String> values = new LinkedHashMap<>();
        submitted.forEach((field, given) -> {
            if (!NOT_ECHOED.contains(field)) {
                values.put(field, String.join(",", given));
            }
        });
        flash.addFlashAttribute(FORM_NAME, formName);
        flash.addFlashAttribute(FORM_ERRORS, new LinkedHashMap<>(errors));
        flash.addFlashAttribute(FORM_VALUES, values);
    }

    /** The session's token is gone or no longer accepted: sign out here too, and sign in again. */
    private static RedirectView signInAgain(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        SecurityContextHolder.clearContext();
        return seeOther("/web/sign-in");
    }

    private static RedirectView seeOther(String path) {
        RedirectView redirect = new RedirectView(path, true);
        redirect.setStatusCode(HttpStatus.SEE_OTHER);
        return redirect;
    }

    private static String returnTo(String requested, String usual) {
        return requested != null && WEB_PAGE.matcher(requested).matches() && !requested.contains("//") ? requested : usual;
    }

    private static String debate(String debateId) {
        if (!Formats.isUuid(debateId)) {
            throw new NotFoundException("debateId", "names no debate known to the read model");
        }
        return debateId.toLowerCase(Locale.ROOT);
    }

    private static String page(String template, Object... variables) {
        return UriComponentsBuilder.fromPath(template).buildAndExpand(variables).encode().toUriString();
    }

    private static void putIfGiven(Map<String, Object> body, String field, String value) {
        if (value != null && !value.isBlank()) {
            body.put(field, value);
        }
    }

    private static Double number(String value) {
        try {
            double number = Double.parseDouble(value == null ? "" : value.strip());
            return Double.isFinite(number) ? number : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
