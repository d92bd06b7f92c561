package dev.ledger.query;

import dev.ledger.events.Role;
import dev.ledger.events.Visibility;
import dev.ledger.query.access.DebateAccess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/** Who may read a debate, decided from the membership the projection wrote. */
class DebateAccessTest extends QueryServiceTestBase {

    @Autowired
    DebateAccess access;

    @Test
    void aPrivateDebateIsReadableByItsParticipantsInvitedHandlesAndAdminsOnly() {
        DebateScript debate = new DebateScript();
        publish(List.of(
                debate.open("Closed room", null, "alice", Visibility.PRIVATE),
                debate.join("alice", "Alice", Role.OWNER),
                debate.invite("bob", Role.MEMBER, "alice"),
                debate.join("bob", "Bob", Role.MEMBER),
                debate.invite("carol", Role.OBSERVER, "alice"),
                debate.changeRole("bob", Role.OBSERVER, "alice")));
        awaitSequence(debate.debateId, 6);

        assertThat(access.mayRead(debate.debateId, "alice", false)).as("owner").isTrue();
        assertThat(access.mayRead(debate.debateId, "bob", false)).as("participant made observer").isTrue();
        assertThat(access.mayRead(debate.debateId, "carol", false)).as("invited, not joined").isTrue();
        assertThat(access.mayRead(debate.debateId, "mallory", false)).as("stranger").isFalse();
        assertThat(access.mayRead(debate.debateId, null, false)).as("anonymous").isFalse();
        assertThat(access.mayRead(debate.debateId, null, true)).as("admin").isTrue();
        assertThat(access.mayRead(debate.debateId, "mallory", true)).as("admin with a handle").isTrue();
    }

    @Test
    void aPublicDebateIsReadableByAnyoneAndOneOpenedBeforeAccountsIsPublic() {
        DebateScript open = new DebateScript();
        DebateScript old = new DebateScript();
        publish(List.of(open.open("Open room", null, "alice", Visibility.PUBLIC), old.open("Old room", null)));
        awaitSequence(open.debateId, 1);
        awaitSequence(old.debateId, 1);

        for (DebateScript debate : List.of(open, old)) {
            assertThat(access.mayRead(debate.debateId, null, false)).isTrue();
            assertThat(access.mayRead(debate.debateId, "mallory", false)).isTrue();
        }
    }

    @Test
    void aDebateTheReadModelDoesNotKnowIsReadableByNobody() {
        String unknown = UUID.randomUUID().toString();

        assertThat(access.mayRead(unknown, "alice", false)).isFalse();
        assertThat(access.mayRead(unknown, null, true)).isFalse();
    }
}
