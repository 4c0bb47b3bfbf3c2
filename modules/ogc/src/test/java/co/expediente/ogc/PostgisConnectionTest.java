package co.expediente.ogc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PostgisConnectionTest {

    @Test
    void jdbcSettingsBecomeALibpqConnectionString() {
        assertThat(PostgisConnection.fromJdbc("jdbc:postgresql://db:5433/expediente?sslmode=disable", "exp", "s'cr\\et"))
                .isEqualTo("host='db' port=5433 dbname='expediente' user='exp' password='s\\'cr\\\\et'"
                        + " application_name=expediente-mapserver");
    }

    @Test
    void defaultsPortAndRefusesOtherDatabases() {
        assertThat(PostgisConnection.fromJdbc("jdbc:postgresql://localhost/x", null, null))
                .startsWith("host='localhost' port=5432 dbname='x'");
        assertThatThrownBy(() -> PostgisConnection.fromJdbc("jdbc:mysql://h/x", "u", "p"))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
