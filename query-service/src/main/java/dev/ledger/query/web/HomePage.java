package dev.ledger.query.web;

import dev.ledger.web.request.PageRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The web view's front page ({@code /} redirects here): for a signed-in account, the debates it takes part in (or
 * was invited to), newest activity first, with a form to open one, and the public debates it has not joined; for
 * anyone else, the public debates and a way to sign in.
 */
@Controller
class HomePage {

    static final int LISTED = 50;

    private final DebateListing listing;

    HomePage(DebateListing listing) {
        this.listing = listing;
    }

    @GetMapping({"/", "/web"})
    String root() {
        return "redirect:/web/";
    }

    @GetMapping("/web/")
    String home(@RequestParam(name = "after", required = false) String after, Model model) {
        Viewer viewer = (Viewer) model.getAttribute("viewer");
        PageRequest page = PageRequest.of(String.valueOf(LISTED), after);
        model.addAttribute("debates", listing.forReader(viewer.reader(), page));
        model.addAttribute("after", page.after());
        if (viewer.signedIn()) {
            model.addAttribute("publicDebates", listing.publicNotJoined(viewer.reader(), new PageRequest(LISTED, 0)));
        }
        return "web/home";
    }
}
