package dev.ledger.bench.limits;

import org.springframework.boot.Banner;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * The second write limit's server, run by {@link BareMvcLimit} as a process of its own: the command-service's
 * stack (Spring Boot, Spring MVC on Tomcat, Jackson, a Spring JDBC transaction on HikariCP, all at their
 * defaults as there) with nothing of the ledger behind it. {@code POST /events} reads a JSON body and inserts
 * the raw JDBC limit's row in one transaction. It exits when its parent closes its standard input, so it never
 * outlives the harness.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@Import(BareMvcEndpoint.Inserts.class)
public class BareMvcEndpoint {

    /** The line the endpoint prints, followed by its port, once it answers. */
    static final String LISTENING = "bare-mvc-endpoint listening on port ";

    /** Arguments: Spring Boot's, e.g. --server.port=0 --bench.meta-data-bytes=120; the datasource from SPRING_DATASOURCE_*. */
    public static void main(String[] args) {
        Thread parentWatch = new Thread(() -> {
            try {
                while (System.in.read() >= 0) {
                    // nothing is sent; end of input means the harness is gone
                }
            } catch (IOException e) {
                // the same: the pipe is gone
            }
            System.exit(0);
        }, "parent-watch");
        parentWatch.setDaemon(true);
        parentWatch.start();
        ConfigurableApplicationContext context = new SpringApplicationBuilder(BareMvcEndpoint.class)
                .bannerMode(Banner.Mode.OFF)
                .run(args);
        System.out.println(LISTENING + context.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
    }

    record Insert(String aggregateId, long sequenceNumber, String payload) {
    }

    record Inserted(long sequenceNumber) {
    }

    @RestController
    static class Inserts {

        private final JdbcTemplate jdbc;
        private final TransactionTemplate transaction;
        private final byte[] metaData;

        Inserts(JdbcTemplate jdbc, PlatformTransactionManager transactions, @Value("${bench.meta-data-bytes}") int metaDataBytes) {
            this.jdbc = jdbc;
            this.transaction = new TransactionTemplate(transactions);
            this.metaData = RawJdbcLimit.filler(metaDataBytes);
        }

        @PostMapping(path = "/events", consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
        @ResponseStatus(HttpStatus.CREATED)
        Inserted insert(@RequestBody Insert insert) {
            transaction.executeWithoutResult(status -> jdbc.update(RawJdbcLimit.INSERT, insert.aggregateId(),
                    insert.sequenceNumber(), UUID.randomUUID().toString(), metaData,
                    insert.payload().getBytes(StandardCharsets.UTF_8), Instant.now().toString()));
            return new Inserted(insert.sequenceNumber());
        }
    }
}
