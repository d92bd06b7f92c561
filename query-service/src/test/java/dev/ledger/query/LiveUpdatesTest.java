package dev.ledger.query;

import dev.ledger.events.Role;
import dev.ledger.events.Visibility;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Live pages: a debate's event stream hears of each change within 2 s of the projection committing it (PostgreSQL
 * NOTIFY from the projection's transaction, this instance's LISTEN connection), resumes with Last-Event-ID, follows
 * the read rules of the debate's pages, and is bounded per instance.
 */
class LiveUpdatesTest extends QueryServiceTestBase {

    @Test
    void anOpenStreamHearsOfAProjectedEventWithinTwoSeconds() throws Exception {
        DebateScript debate = new DebateScript();
        publish(debate.open("Live?", null));
        awaitSequence(debate.debateId, 1);

        try (EventStream stream = new WebSession(port).events("/web/debates/" + debate.debateId + "/live")) {
            assertThat(stream.status()).isEqualTo(200);
            assertThat(stream.response().headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
            assertThat(stream.next(Duration.ofMillis(300))).as("nothing is news yet").isNull();

            long published = System.nanoTime();
            publish(debate.join("maya", "Maya"));
            EventStream.Event changed = stream.next(Duration.ofSeconds(2));
            assertThat(changed).as("a change within 2 s").isNotNull();
            assertThat(Duration.ofNanos(System.nanoTime() - published)).isLessThan(Duration.ofSeconds(2));
            assertThat(changed.id()).isEqualTo("2");
            assertThat(changed.name()).isEqualTo("changed");
            assertThat(JSON.readTree(changed.data()).get("debateId").asString()).isEqualTo(debate.debateId);
            assertThat(JSON.readTree(changed.data()).get("sequence").asLong()).isEqualTo(2);
        }
    }

    @Test
    void aResumedStreamIsToldAtOnceWhatItMissed() throws Exception {
        DebateScript debate = new DebateScript();
        publish(List.of(debate.open("Resume?", null), debate.join("ines", "Ines"), debate.join("olaf", "Olaf")));
        awaitSequence(debate.debateId, 3);
        String live = "/web/debates/" + debate.debateId + "/live";

        try (EventStream resumed = new WebSession(port).events(live, "Last-Event-ID", "1")) {
            EventStream.Event missed = resumed.next(Duration.ofSeconds(2));
            assertThat(missed).isNotNull();
            assertThat(missed.id()).isEqualTo("3");
        }
        try (EventStream upToDate = new WebSession(port).events(live + "?since=3")) {
            assertThat(upToDate.next(Duration.ofMillis(300))).isNull();
            publish(debate.join("pia", "Pia"));
            assertThat(upToDate.next(Duration.ofSeconds(2)).id()).isEqualTo("4");
        }
    }

    @Test
    void aPrivateDebatesStreamIsOnlyForItsReaders() throws Exception {
        DebateScript debate = new DebateScript();
        publish(List.of(debate.open("Private", null, "alma", Visibility.PRIVATE), debate.join("alma", "Alma", Role.OWNER)));
        awaitSequence(debate.debateId, 2);
        String live = "/web/debates/" + debate.debateId + "/live";

        try (EventStream outsider = new WebSession(port).events(live)) {
            assertThat(outsider.status()).isEqualTo(404);
            assertThat(new String(outsider.response().body().readAllBytes(), StandardCharsets.UTF_8)).doesNotContain("Private");
        }
        WebSession someoneElse = new WebSession(port);
        someoneElse.signInWith(signInLink("bruno"));
        try (EventStream stream = someoneElse.events(live)) {
            assertThat(stream.status()).isEqualTo(404);
        }
        WebSession owner = new WebSession(port);
        owner.signInWith(signInLink("alma"));
        try (EventStream stream = owner.events(live, "Last-Event-ID", "0")) {
            assertThat(stream.status()).as("the session's account is the reader DebateReadGuard sees").isEqualTo(200);
            assertThat(stream.next(Duration.ofSeconds(2)).id()).isEqualTo("2");
        }
    }

    @Test
    void beyondTheMostLivePagesTheAnswerIs503() {
        DebateScript debate = new DebateScript();
        publish(debate.open("Crowded", null));
        awaitSequence(debate.debateId, 1);
        String live = "/web/debates/" + debate.debateId + "/live";
        List<EventStream> opened = new ArrayList<>();
        try {
            EventStream refused = null;
            for (int i = 0; i <= MAX_LIVE_PAGES && refused == null; i++) {
                EventStream stream = new WebSession(port).events(live);
                opened.add(stream);
                if (stream.status() == 503) {
                    refused = stream;
                }
            }
            assertThat(refused).as("refused by the " + (MAX_LIVE_PAGES + 1) + "th stream at the latest").isNotNull();
            assertThat(refused.response().headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
            assertThat(refused.response().headers().firstValue("Retry-After")).hasValue("5");
        } finally {
            opened.forEach(EventStream::close);
        }
        // the heartbeat (1 s here) finds the closed streams; then there is room again
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500)).until(() -> {
            try (EventStream again = new WebSession(port).events(live)) {
                return again.status() == 200;
            }
        });
    }
}
