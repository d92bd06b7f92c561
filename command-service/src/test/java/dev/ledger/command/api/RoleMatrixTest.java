package dev.ledger.command.api;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who may send which command, in a private and in a public debate: every cell of {@link #EXPECTED} is one request
 * whose status is checked, with the debate's events counted around it: a refused request wrote nothing, an accepted
 * one exactly one event, which names the caller.
 * <p>
 * The debates are set up once. Each accepted cell writes on a target of its own (a new claim text, a new handle
 * invited, the one role change of the debate, a reason and view each actor touches once), so the cells do not
 * depend on their order. The invited, non-member and admin actors are new accounts in each cell: one that joins a
 * public debate stays a non-member for the next cell.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RoleMatrixTest extends IntegrationTestBase {

    /**
     * The expected status of each command by each actor. invited: an account the owner invited as member that has
     * not joined yet; non-member: an account neither participant nor invited; admin: an admin account that takes no
     * part in the debate (admins read private debates, they do not write in them, nor resolve claims in a debate that
     * has an owner); open: opening a new debate with that visibility, where every account becomes the owner of its own
     * debate. resolve and annul act on claims of their own (one open, one resolved), so the owner's cells do not touch
     * the claim the others update views on.
     */
    private static final String EXPECTED = """
            debate   command         owner  member  observer  invited  non-member  admin  anonymous
            private  open              201     201       201      201         201    201        401
            private  join              409     409       409      201         403    403        401
            private  state-claim       201     201       403      404         404    404        401
            private  propose-reason    201     201       403      404         404    404        401
            private  acknowledge       201     201       403      404         404    404        401
            private  update-view       200     200       403      404         404    404        401
            private  invite            201     403       403      403         403    403        401
            private  change-role       200     403       403      403         403    403        401
            private  resolve           201     403       403      403         403    403        401
            private  annul             200     403       403      403         403    403        401
            public   open              201     201       201      201         201    201        401
            public   join              409     409       409      201         201    201        401
            public   state-claim       201     201       403      404         404    404        401
            public   propose-reason    201     201       403      404         404    404        401
            public   acknowledge       201     201       403      404         404    404        401
            public   update-view       200     200       403      404         404    404        401
            public   invite            201     403       403      403         403    403        401
            public   change-role       200     403       403      403         403    403        401
            public   resolve           201     403       403      403         403    403        401
            public   annul             200     403       403      403         403    403        401
            """;

    private static final String OWNER = "matrix-owner";
    private static final String MEMBER = "matrix-member";
    private static final String OBSERVER = "matrix-observer";
    /** A member whose claim and reason the others view and acknowledge. */
    private static final String AUTHOR = "matrix-author";
    /** The member whose role the owner changes. */
    private static final String SUBJECT = "matrix-subject";

    record Debate(String id, String claimId, String reasonId, String openClaimId, String resolvedClaimId) {
    }

    private final AtomicInteger cells = new AtomicInteger();
    private Map<String, Debate> debates;

    static Stream<Arguments> cells() {
        List<String> lines = EXPECTED.lines().filter(line -> !line.isBlank()).toList();
        List<String> header = Arrays.asList(lines.get(0).trim().split("\\s+"));
        List<String> actors = header.subList(2, header.size());
        return lines.stream().skip(1).flatMap(line -> {
            String[] cell = line.trim().split("\\s+");
            assertThat(cell).as("a row of EXPECTED: " + line).hasSize(actors.size() + 2);
            return Stream.iterate(0, i -> i < actors.size(), i -> i + 1)
                    .map(i -> Arguments.of(cell[0], cell[1], actors.get(i), Integer.parseInt(cell[i + 2])));
        });
    }

    @BeforeAll
    void privateAndPublicDebates() {
        debates = Map.of("private", debate("private"), "public", debate("public"));
    }

    private Debate debate(String visibility) {
        String debateId = expect(201, as(OWNER, "POST", "/debates",
                "{\"title\":\"Who may do what\",\"visibility\":\"" + visibility + "\"}")).text("debateId");
        String debate = "/debates/" + debateId;
        expect(201, as(OWNER, "POST", debate + "/participants", "{\"displayName\":\"Owner\"}"));
        for (String[] invited : new String[][] {{MEMBER, "member"}, {OBSERVER, "observer"}, {AUTHOR, "member"}, {SUBJECT, "member"}}) {
            expect(201, as(OWNER, "POST", debate + "/invitations", "{\"handle\":\"" + invited[0] + "\",\"role\":\"" + invited[1] + "\"}"));
            expect(201, as(invited[0], "POST", debate + "/participants", "{\"displayName\":\"" + invited[0] + "\"}"));
        }
        String claimId = expect(201, as(AUTHOR, "POST", debate + "/claims", "{\"statement\":\"Roles are events\"}")).text("claimId");
        String reasonId = expect(201, as(AUTHOR, "POST", debate + "/reasons",
                "{\"claimId\":\"" + claimId + "\",\"stance\":\"for\",\"text\":\"They replay\"}")).text("reasonId");
        String openClaimId = expect(201, as(AUTHOR, "POST", debate + "/claims", "{\"statement\":\"To be resolved\"}")).text("claimId");
        String resolvedClaimId = expect(201, as(AUTHOR, "POST", debate + "/claims", "{\"statement\":\"Resolved\"}")).text("claimId");
        expect(201, as(OWNER, "POST", debate + "/claims/" + resolvedClaimId + "/resolution", "{\"outcome\":true}"));
        return new Debate(debateId, claimId, reasonId, openClaimId, resolvedClaimId);
    }

    @ParameterizedTest(name = "{0} debate: {1} by {2} is {3}")
    @MethodSource("cells")
    void eachActorMaySendExactlyTheCommandsItsRoleAllows(String visibility, String command, String actor, int expected) {
        Debate debate = debates.get(visibility);
        int cell = cells.incrementAndGet();
        String handle = switch (actor) {
            case "owner" -> OWNER;
            case "member" -> MEMBER;
            case "observer" -> OBSERVER;
            case "invited" -> {
                String invited = "matrix-invited-" + cell;
                expect(201, as(OWNER, "POST", "/debates/" + debate.id() + "/invitations",
                        "{\"handle\":\"" + invited + "\",\"role\":\"member\"}"));
                yield invited;
            }
            case "non-member" -> "matrix-outsider-" + cell;
            case "admin" -> {
                String admin = "matrix-admin-" + cell;
                expect(200, sendAsIs(port, "PUT", "/admin/accounts/" + admin + "/admin", null, "Authorization", "Bearer " + SERVICE_TOKEN));
                yield admin;
            }
            case "anonymous" -> null;
            default -> throw new IllegalArgumentException("an actor EXPECTED does not know: " + actor);
        };
        String[] request = request(command, visibility, debate, cell);
        long debateEvents = eventCount(debate.id());
        long allEvents = eventCount();

        Response response = handle == null ? anonymous(request[0], request[1], request[2]) : as(handle, request[0], request[1], request[2]);

        assertThat(response.status()).as(response.raw()).isEqualTo(expected);
        boolean accepted = expected < 300;
        if (!accepted) {
            assertThat(response.contentType()).startsWith("application/problem+json");
            assertThat(eventCount()).as("a refused command writes nothing").isEqualTo(allEvents);
        } else if (command.equals("open")) {
            String opened = response.text("debateId");
            assertThat(eventCount(opened)).isEqualTo(1);
            assertThat(latestEvent(opened)).contains("\"openedBy\":\"" + handle + "\"", "\"visibility\":\"" + visibility + "\"");
            assertThat(eventCount(debate.id())).isEqualTo(debateEvents);
        } else {
            assertThat(eventCount(debate.id())).as("an accepted command writes one event").isEqualTo(debateEvents + 1);
            assertThat(latestEvent(debate.id())).as("the caller is the actor").contains("\"" + handle + "\"");
        }
    }

    /** Method, path and body of {@code command} in {@code debate}, on a target no other cell writes to. */
    private static String[] request(String command, String visibility, Debate debate, int cell) {
        String path = "/debates/" + debate.id();
        return switch (command) {
            case "open" -> new String[] {"POST", "/debates", "{\"title\":\"Debate " + cell + "\",\"visibility\":\"" + visibility + "\"}"};
            case "join" -> new String[] {"POST", path + "/participants", "{\"displayName\":\"Someone\"}"};
            case "state-claim" -> new String[] {"POST", path + "/claims", "{\"statement\":\"Claim " + cell + "\"}"};
            case "propose-reason" -> new String[] {"POST", path + "/reasons",
                    "{\"claimId\":\"" + debate.claimId() + "\",\"stance\":\"against\",\"text\":\"Reason " + cell + "\"}"};
            case "acknowledge" -> new String[] {"POST", path + "/reasons/" + debate.reasonId() + "/acknowledgements", "{\"kind\":\"noted\"}"};
            case "update-view" -> new String[] {"PUT", path + "/views/" + debate.claimId(), "{\"credence\":0.6}"};
            case "invite" -> new String[] {"POST", path + "/invitations", "{\"handle\":\"matrix-guest-" + cell + "\",\"role\":\"observer\"}"};
            case "change-role" -> new String[] {"PUT", path + "/participants/" + SUBJECT + "/role", "{\"role\":\"observer\"}"};
            case "resolve" -> new String[] {"POST", path + "/claims/" + debate.openClaimId() + "/resolution", "{\"outcome\":false}"};
            case "annul" -> new String[] {"DELETE", path + "/claims/" + debate.resolvedClaimId() + "/resolution",
                    "{\"note\":\"Annulled in cell " + cell + "\"}"};
            default -> throw new IllegalArgumentException("a command EXPECTED does not know: " + command);
        };
    }

    private static Response expect(int status, Response response) {
        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        return response;
    }
}
