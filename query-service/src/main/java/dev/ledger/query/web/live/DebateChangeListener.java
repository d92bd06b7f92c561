package dev.ledger.query.web.live;

import dev.ledger.query.api.DebateQueries;
import dev.ledger.query.projection.LiveProjection;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;

/**
 * This instance's one listener for the projection's commits: a dedicated PostgreSQL connection (not one of the
 * pool's) doing {@code LISTEN ledger_debate_changed}, on a single daemon thread, passing each {@code debateId:sequence}
 * to the open {@link LiveStreams}. When the connection breaks it reconnects after a bounded backoff (0.25 s doubling
 * to 10 s); notifications sent meanwhile are lost, so after each (re)connect every followed debate is caught up from
 * the read model.
 */
@Component
class DebateChangeListener implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(DebateChangeListener.class);
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final int POLL_MILLIS = 1000;

    private final LiveStreams streams;
    private final DebateQueries queries;
    private final String url;
    private final Properties credentials = new Properties();
    private volatile boolean running;
    private volatile Connection connection;
    private Thread thread;

    DebateChangeListener(LiveStreams streams, DebateQueries queries, @Value("${spring.datasource.url}") String url,
                         @Value("${spring.datasource.username:}") String user,
                         @Value("${spring.datasource.password:}") String password) {
        this.streams = streams;
        this.queries = queries;
        this.url = url;
        credentials.setProperty("user", user);
        credentials.setProperty("password", password);
        credentials.setProperty("ApplicationName", "ledger-query live listener");
        credentials.setProperty("tcpKeepAlive", "true");
    }

    @Override
    public void start() {
        running = true;
        thread = new Thread(this::listen, "ledger-live-listener");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void stop() {
        running = false;
        Connection current = connection;
        if (current != null) {
            try {
                current.close();
            } catch (SQLException ignored) {
                // closing to wake the thread; it ends either way
            }
        }
        thread.interrupt();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    private void listen() {
        Duration backoff = FIRST_BACKOFF;
        while (running) {
            try (Connection listening = DriverManager.getConnection(url, credentials);
                 Statement statement = listening.createStatement()) {
                connection = listening;
                statement.execute("LISTEN " + LiveProjection.CHANGED_CHANNEL);
                log.info("Listening for the projection's commits (live pages)");
                backoff = FIRST_BACKOFF;
                catchUp();
                PGConnection notifications = listening.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            dispatch(notification.getParameter());
                        }
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                log.warn("The live pages' listener lost its database connection ({}); reconnecting in {} ms",
                        e.getSQLState(), backoff.toMillis());
                if (!pause(backoff)) {
                    return;
                }
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            } catch (RuntimeException e) {
                log.error("The live pages' listener failed; restarting it", e);
                if (!pause(MAX_BACKOFF)) {
                    return;
                }
            } finally {
                connection = null;
            }
        }
    }

    private void dispatch(String payload) {
        int colon = payload.lastIndexOf(':');
        if (colon <= 0) {
            return;
        }
        try {
            streams.changed(payload.substring(0, colon), Long.parseLong(payload.substring(colon + 1)));
        } catch (NumberFormatException e) {
            log.debug("A notification on the live channel without a sequence: ignored");
        }
    }

    /** Tells each followed debate's streams how far it is now: the notifications while disconnected are gone. */
    private void catchUp() {
        for (String debateId : streams.followedDebates()) {
            streams.changed(debateId, queries.lastSequence(debateId));
        }
    }

    private boolean pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
