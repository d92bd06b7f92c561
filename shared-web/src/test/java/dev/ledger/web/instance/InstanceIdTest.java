package dev.ledger.web.instance;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.MapPropertySource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class InstanceIdTest {

    @Test
    void aConfiguredIdIsUsedAsGivenAndIsStable() {
        InstanceId id = InstanceId.of(environment(Map.of("ledger.instance-id", " query-a ", "server.port", "0")));

        assertThat(id).isEqualTo(new InstanceId("query-a", true));
    }

    @Test
    void withoutOneTheHostAndAFixedPortNameTheInstance() {
        InstanceId id = InstanceId.of(environment(Map.of("server.port", "18081")));

        assertThat(id.value()).endsWith("-18081").hasSizeGreaterThan("-18081".length());
        assertThat(id.stable()).isTrue();
        assertThat(InstanceId.of(environment(Map.of("server.port", "18081")))).isEqualTo(id);
    }

    @Test
    void aRandomPortGivesNoStableId() {
        InstanceId id = InstanceId.of(environment(Map.of("server.port", "0")));

        assertThat(id.stable()).isFalse();
        assertThat(id.value()).endsWith("-pid" + ProcessHandle.current().pid());
    }

    private static StandardEnvironment environment(Map<String, Object> properties) {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
        return environment;
    }
}
