package co.expediente.ogc;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.indicators.IndicatorCatalogue;
import java.util.List;
import org.junit.jupiter.api.Test;

class MapfileWriterTest {

    private final IndicatorCatalogue catalogue = new IndicatorCatalogue();

    private String mapfile(List<Integer> years) {
        Publication p = new Publication("Expediente Municipal — Prueba \"comillas\"", "https://expediente.example.gov.co",
                "host='db' port=5432 dbname='expediente'", new double[] {1, 2, 3, 4}, new double[] {5, 6, 7, 8}, null, "/run/templates",
                List.of(new Publication.PublishedIndicator(catalogue.get("ep_efectivo_hab"), years)));
        return new MapfileWriter().write(p);
    }

    @Test
    void publishesALayerPerLevelAndYearAndOneForTheLatestYear() {
        String m = mapfile(List.of(2023, 2024));
        assertThat(m).contains("NAME \"ep_efectivo_hab_barrio_2023\"", "NAME \"ep_efectivo_hab_barrio_2024\"",
                "NAME \"ep_efectivo_hab_comuna_2024\"", "NAME \"ep_efectivo_hab_barrio\"", "NAME \"espacio_publico\"");
        assertThat(m).contains("último año (2024)");
        assertThat(m).contains("NAME \"ep_efectivo_hab_barrio_tiempo\"", "\"wms_timeextent\" \"2023,2024\"",
                "\"wms_timedefault\" \"2024\"", "\"wms_timeitem\" \"fecha\"");
        assertThat(m).contains("TEMPLATE \"/run/templates/ep_efectivo_hab.html\"");
    }

    @Test
    void anIndicatorWithoutValuesIsNotPublished() {
        assertThat(mapfile(List.of())).doesNotContain("ep_efectivo_hab_barrio").contains("espacio_publico");
    }

    @Test
    void capabilitiesNameThePublicUrlAndNeverAdvertiseEpsg9377() {
        String m = mapfile(List.of(2024));
        assertThat(m).contains("\"wms_onlineresource\" \"https://expediente.example.gov.co/ogc/wms?\"");
        assertThat(m).contains("\"ows_srs\" \"EPSG:4326 EPSG:3857 EPSG:3116 EPSG:4686\"");
        assertThat(m.lines().filter(l -> l.contains("_srs")).noneMatch(l -> l.contains("9377"))).isTrue();
    }

    @Test
    void noDataClassComesBeforeTheNumericClasses() {
        String m = mapfile(List.of(2024));
        int noData = m.indexOf("NAME \"Sin dato\"");
        int first = m.indexOf("NAME \"< 3 m²/hab\"");
        assertThat(noData).isPositive().isLessThan(first);
        assertThat(m).contains("EXPRESSION ([valor] >= 3 AND [valor] < 6)", "EXPRESSION ([valor] >= 15)");
    }

    @Test
    void stringsAreQuotedSafely() {
        assertThat(MapfileWriter.quote("a \"b\" \\ c\nd")).isEqualTo("\"a \\\"b\\\" \\\\ c d\"");
        assertThat(MapfileWriter.sqlLiteral("o'brien")).isEqualTo("'o''brien'");
        assertThat(mapfile(List.of(2024))).contains("Prueba \\\"comillas\\\"");
    }

    @Test
    void noGroupIsNamedLikeALayer() {
        String m = mapfile(List.of(2024));
        assertThat(m).contains("GROUP \"sistema_espacio_publico\"").doesNotContain("GROUP \"espacio_publico\"");
    }
}
