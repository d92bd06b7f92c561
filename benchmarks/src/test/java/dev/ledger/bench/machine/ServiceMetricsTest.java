package dev.ledger.bench.machine;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServiceMetricsTest {

    private static final String BEFORE = """
            # HELP jvm_gc_pause_seconds Time spent in GC pause
            # TYPE jvm_gc_pause_seconds summary
            jvm_gc_pause_seconds_count{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 10
            jvm_gc_pause_seconds_sum{action="end of minor GC",cause="G1 Evacuation Pause",gc="G1 Young Generation"} 0.05
            http_server_requests_seconds_bucket{method="GET",uri="/debates/{debateId}",le="0.01"} 90.0
            http_server_requests_seconds_bucket{method="GET",uri="/debates/{debateId}",le="+Inf"} 100.0
            http_server_requests_seconds_bucket{method="GET",uri="/other",le="+Inf"} 7.0
            """;

    private static final String AFTER = BEFORE
            .replace("G1 Young Generation\"} 10", "G1 Young Generation\"} 13")
            .replace("} 0.05", "} 0.08")
            .replace("le=\"0.01\"} 90.0", "le=\"0.01\"} 189.0")
            .replace("le=\"+Inf\"} 100.0", "le=\"+Inf\"} 200.0")
            + "jvm_gc_pause_seconds_count{action=\"end of major GC\",cause=\"G1 Compaction Pause\",gc=\"G1 Old Generation\"} 1\n";

    @Test
    void countsWhatHappenedBetweenTwoScrapes() {
        ServiceMetrics during = ServiceMetrics.parse(AFTER).since(ServiceMetrics.parse(BEFORE));

        assertThat(during.available()).isTrue();
        assertThat(during.sum("jvm_gc_pause_seconds_count")).isEqualTo(4.0);
        assertThat(during.sum("jvm_gc_pause_seconds_sum")).isCloseTo(0.03, org.assertj.core.data.Offset.offset(1e-9));
        String overview = "uri=\"/debates/{debateId}\"";
        assertThat(during.sum("http_server_requests_seconds_bucket", l -> l.contains(overview) && l.contains("le=\"0.01\""))).isEqualTo(99.0);
        assertThat(during.sum("http_server_requests_seconds_bucket", l -> l.contains(overview) && l.contains("le=\"+Inf\""))).isEqualTo(100.0);
        assertThat(during.sum("http_server_requests_seconds_bucket", l -> l.contains("uri=\"/other\""))).isZero();
    }

    @Test
    void aServiceThatDoesNotAnswerHasNothing() {
        ServiceMetrics none = ServiceMetrics.parse("");
        assertThat(none.available()).isFalse();
        assertThat(none.sum("jvm_gc_pause_seconds_count")).isZero();
    }
}
