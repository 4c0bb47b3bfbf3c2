package co.expediente.territory.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The one quoting helper: only plain lower-case names, always double-quoted. */
class IdentifiersTest {

    @Test
    void plainNamesAreQuoted() {
        assertThat(Identifiers.quote("hazard_zone")).isEqualTo("\"hazard_zone\"");
        assertThat(Identifiers.qualified("staging", Identifiers.stagingTableName(12))).isEqualTo("\"staging\".\"imp_12\"");
    }

    @Test
    void anythingElseIsRefused() {
        for (String bad : new String[] {null, "", "Hazard", "a-b", "x\"; DROP TABLE t; --", "a b", "1abc", "a".repeat(64)}) {
            assertThatThrownBy(() -> Identifiers.quote(bad)).as(String.valueOf(bad)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> Identifiers.stagingTableName(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void layerStatementsUseOnlyCatalogueNames() {
        assertThat(ImportRepository.insertVersions(TargetLayer.HAZARD_ZONE))
                .contains("INSERT INTO \"layers\".\"hazard_zone\" (\"source_id\", \"name\", \"hazard\", \"level\", \"non_mitigable\", valid_from")
                .contains("jsonb_populate_record(NULL::\"layers\".\"hazard_zone\", f.mapped)");
        assertThat(ImportRepository.scoped(ImportRepository.CLOSE_OPEN_VERSIONS, TargetLayer.FACILITY, new Mapping.Scope("category", "x")))
                .contains("AND t.\"category\" = :scope");
    }
}
