package dev.ledger.web.instance;

import org.springframework.core.env.Environment;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which running instance of a service this is, stable across its restarts: {@code LEDGER_INSTANCE_ID}
 * ({@code ledger.instance-id}) when set, otherwise this host's name and the service's port. A restarted instance
 * that keeps its id takes its work back at once instead of waiting for the dead one's lease to run out (the
 * command-service's publishing token claim, the query-service's Kafka partitions).
 * <p>
 * Two instances must never share an id: the second would take the first one's work while it still runs.
 * With a random port (tests) there is no stable id; {@link #stable()} is then false.
 */
public record InstanceId(String value, boolean stable) {

    public static final String PROPERTY = "ledger.instance-id";

    public static InstanceId of(Environment environment) {
        String configured = environment.getProperty(PROPERTY, "").strip();
        if (!configured.isEmpty()) {
            return new InstanceId(configured, true);
        }
        int port = environment.getProperty("server.port", Integer.class, 8080);
        if (port > 0) {
            return new InstanceId(hostName() + "-" + port, true);
        }
        return new InstanceId(hostName() + "-pid" + ProcessHandle.current().pid(), false);
    }

    private static String hostName() {
        String fromEnvironment = System.getenv("HOSTNAME");   // set in containers; no name lookup needed
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
