package dev.ledger.query.web;

import dev.ledger.query.api.Views.ParticipantView;

/**
 * Which forms a page offers its viewer, from the debate's projected membership: members and the owner write
 * (claims, reasons, acknowledgements, views), only the owner invites, and a signed-in account that has not joined
 * may ask to join. The command-service decides for real when a form is sent; this only keeps forms away from people
 * who could not use them.
 */
public record WebAccess(boolean signedIn, String role, boolean writes, boolean invites, boolean mayJoin) {

    static WebAccess of(WholeDebate.Debate debate, Viewer viewer) {
        String role = debate.participant(viewer.handle()).map(ParticipantView::role).orElse(null);
        boolean writes = "owner".equals(role) || "member".equals(role);
        return new WebAccess(viewer.signedIn(), role, writes, "owner".equals(role), viewer.signedIn() && role == null);
    }
}
