package dev.ledger.query;

import dev.ledger.events.Stance;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every list the query API returns comes a page at a time: ?limit= (1 to 500, default 100) after ?after=, the next
 * page's ?after= in nextAfter (null on the last). Following the pages gives exactly the unpaged answer.
 */
class PagingTest extends QueryServiceTestBase {

    @Test
    void aLimitAbove500Is400NamingLimit() {
        DebateScript debate = published();
        for (String path : List.of("/debates/" + debate.debateId, "/debates/" + debate.debateId + "/participants/alice/history",
                "/debates/" + debate.debateId + "/claims/c1", "/debates/" + debate.debateId + "/reasons/r1/influence",
                "/debates/" + debate.debateId + "/timeline", "/participants/alice/beliefs")) {
            Answer tooMany = get(path + "?limit=501");
            assertThat(tooMany.status()).as(path + ": " + tooMany.body()).isEqualTo(400);
            assertThat(tooMany.json().get("errors").get(0).get("field").asString()).isEqualTo("limit");
            assertThat(get(path + "?limit=500").status()).as(path).isEqualTo(200);
        }
    }

    @Test
    void theDebateOverviewPagesParticipantsClaimsAndReasonsTogether() {
        DebateScript debate = published();
        String path = "/debates/" + debate.debateId;
        JsonNode whole = get(path).json();
        assertThat(whole.get("nextAfter").isNull()).isTrue();

        List<JsonNode> pages = pages(path, 2);

        assertThat(pages).hasSizeGreaterThan(2);
        for (String list : List.of("participants", "claims", "reasons")) {
            assertThat(joined(pages, list)).as(list).isEqualTo(items(whole.get(list)));
        }
        assertThat(pages).allSatisfy(page -> assertThat(page.get("participants").size() + page.get("claims").size()
                + page.get("reasons").size()).isLessThanOrEqualTo(2));
    }

    @Test
    void historyClaimDetailCitedByAndTimelinePageByTheirSequence() {
        DebateScript debate = published();
        String base = "/debates/" + debate.debateId;
        for (String[] paged : new String[][]{{base + "/participants/alice/history", "changes"}, {base + "/claims/c1", "reasons"},
                {base + "/claims/c1", "trajectories"}, {base + "/reasons/r1/influence", "citedBy"}, {base + "/timeline", "entries"}}) {
            JsonNode whole = get(paged[0]).json();
            List<JsonNode> pages = pages(paged[0], 1);
            assertThat(pages).as(paged[0]).hasSizeGreaterThan(1);
            if (paged[1].equals("trajectories")) {
                // a participant's trajectory is split over the pages that hold its points
                assertThat(pages.stream().flatMap(page -> items(page.get("trajectories")).stream())
                        .flatMap(t -> items(t.get("points")).stream()).toList())
                        .isEqualTo(items(whole.get("trajectories")).stream().flatMap(t -> items(t.get("points")).stream())
                                .sorted(java.util.Comparator.comparingLong(p -> p.get("sequence").asLong())).toList());
            } else if (paged[1].equals("reasons")) {
                assertThat(joined(pages, "reasons").stream().map(r -> r.get("reasonId").asString()).toList())
                        .containsExactly("r1", "r2");
            } else {
                assertThat(joined(pages, paged[1])).as(paged[0]).isEqualTo(items(whole.get(paged[1])));
            }
        }
    }

    @Test
    void aParticipantsCitingChangesPerReasonAreListedUpTo100AndCountedInFull() {
        DebateScript debate = new DebateScript();
        debate.open("Often cited", null);
        debate.join("alice", "Alice");
        debate.claim("c1", "Lists are bounded", "alice");
        debate.reason("r1", "c1", Stance.FOR, "Memory is finite", "alice", null);
        Double previous = null;
        for (int i = 0; i < 101; i++) {
            double credence = i % 2 == 0 ? 0.4 : 0.6;
            debate.view("alice", "c1", credence, previous, null, List.of("r1"));
            previous = credence;
        }
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());

        JsonNode moved = get("/debates/" + debate.debateId + "/participants/alice/influences").json().get("reasons").get(0);
        JsonNode citedBy = get("/debates/" + debate.debateId + "/reasons/r1/influence").json();

        assertThat(moved.get("citations").asLong()).isEqualTo(101);
        assertThat(moved.get("citedIn")).hasSize(100);
        assertThat(citedBy.get("citedBy")).hasSize(100);
        assertThat(citedBy.get("nextAfter").asLong()).isEqualTo(citedBy.get("citedBy").get(99).get("sequence").asLong());
    }

    @Test
    void beliefsAcrossDebatesPageByDebate() {
        String participant = "pager-" + UUID.randomUUID().toString().substring(0, 8);
        List<String> debates = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            DebateScript debate = new DebateScript();
            debate.open("Debate " + i, null);
            debate.join(participant, "Pat");
            publish(debate.events());
            awaitSequence(debate.debateId, 2);
            debates.add(debate.debateId);
        }
        String path = "/participants/" + participant + "/beliefs";

        JsonNode first = get(path + "?limit=2").json();
        JsonNode second = get(path + "?limit=2&after=" + first.get("nextAfter").asLong()).json();

        assertThat(first.get("debates")).hasSize(2);
        assertThat(first.get("nextAfter").asLong()).isEqualTo(2);
        assertThat(second.get("debates")).hasSize(1);
        assertThat(second.get("nextAfter").isNull()).isTrue();
        List<String> listed = new ArrayList<>();
        List.of(first, second).forEach(page -> page.get("debates").forEach(d -> listed.add(d.get("debateId").asString())));
        assertThat(listed).containsExactlyInAnyOrderElementsOf(debates);
    }

    /** Alice and Bob on claim c1: two reasons, four view changes citing r1. */
    private DebateScript published() {
        DebateScript debate = new DebateScript();
        debate.open("Paged", null);
        debate.join("alice", "Alice");
        debate.join("bob", "Bob");
        debate.claim("c1", "Pages help", "alice");
        debate.claim("c2", "Cursors help", "bob");
        debate.reason("r1", "c1", Stance.FOR, "Bounded answers", "bob", null);
        debate.reason("r2", "c1", Stance.AGAINST, "More requests", "alice", "r1");
        debate.view("alice", "c1", 0.5, null, null, List.of("r1"));
        debate.view("bob", "c1", 0.6, null, null, List.of("r1"));
        debate.view("alice", "c1", 0.7, 0.5, null, List.of("r1"));
        debate.view("alice", "c1", 0.8, 0.7, null, List.of("r1", "r2"));
        publish(debate.events());
        awaitSequence(debate.debateId, debate.lastSequence());
        return debate;
    }

    /** Every page of {@code path} at {@code limit} items, following nextAfter. */
    private List<JsonNode> pages(String path, int limit) {
        List<JsonNode> pages = new ArrayList<>();
        String separator = path.contains("?") ? "&" : "?";
        Long after = 0L;
        while (after != null) {
            Answer answer = get(path + separator + "limit=" + limit + "&after=" + after);
            assertThat(answer.status()).as(answer.body()).isEqualTo(200);
            JsonNode page = answer.json();
            pages.add(page);
            after = page.get("nextAfter").isNull() ? null : page.get("nextAfter").asLong();
            assertThat(pages).as("pages of " + path).hasSizeLessThan(50);
        }
        return pages;
    }

    private static List<JsonNode> joined(List<JsonNode> pages, String list) {
        return pages.stream().flatMap(page -> items(page.get(list)).stream()).toList();
    }

    private static List<JsonNode> items(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }
}
