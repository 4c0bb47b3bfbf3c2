package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.expediente.territory.demo.DemoMunicipality;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** WFS 2.0 read the way QGIS users read it: with GDAL's own WFS client, through the public URL. */
class WfsGdalIT extends IntegrationTest {

    private final DemoMunicipality demo = new DemoMunicipality();

    @Test
    void ogrinfoListsTheIndicatorFeatureTypes() throws Exception {
        String out = TestPostgis.run(List.of("ogrinfo", "-ro", "-q", "WFS:" + url("/ogc/wfs")));
        assertThat(out).contains("ep_efectivo_hab_barrio_2024").contains("ep_efectivo_hab_comuna").contains("espacio_publico");
    }

    @Test
    void ogrinfoReadsEveryBarrioWithItsComputedValue() throws Exception {
        String summary = TestPostgis.run(List.of("ogrinfo", "-ro", "-so", "WFS:" + url("/ogc/wfs"),
                "ep_efectivo_hab_barrio_2024"));
        assertThat(summary).contains("Feature Count: 12");

        String features = TestPostgis.run(List.of("ogrinfo", "-ro", "-q", "WFS:" + url("/ogc/wfs"),
                "ep_efectivo_hab_barrio_2024"));
        Map<String, Double> valueByCode = new HashMap<>();
        Matcher m = Pattern.compile("codigo \\(String\\) = (\\d+)[\\s\\S]*?valor \\(Real\\) = ([0-9.]+)").matcher(features);
        while (m.find()) {
            valueByCode.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        assertThat(valueByCode).hasSize(12);
        valueByCode.forEach((code, value) -> assertThat(value).as(code).isCloseTo(
                demo.effectivePublicSpace(code, 2024) / demo.population(code, 2024).getAsLong(), within(1e-6)));
    }

    @Test
    void wfsPagesWithCountAndStartIndexAndCountsHits() throws Exception {
        String base = "/ogc/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=ep_efectivo_hab_barrio_2024";
        assertThat(get(base + "&RESULTTYPE=hits").body()).contains("numberMatched=\"12\"");
        JsonNode page = new ObjectMapper().readTree(get(base + "&OUTPUTFORMAT=geojson&COUNT=5&STARTINDEX=10").body());
        assertThat(page.get("features")).hasSize(2);
        String filtered = get(base + "&COUNT=20&FILTER=" + java.net.URLEncoder.encode(
                "<fes:Filter xmlns:fes=\"http://www.opengis.net/fes/2.0\"><fes:PropertyIsGreaterThan>"
                        + "<fes:ValueReference>valor</fes:ValueReference><fes:Literal>15</fes:Literal>"
                        + "</fes:PropertyIsGreaterThan></fes:Filter>", java.nio.charset.StandardCharsets.UTF_8)).body();
        long expected = demo.unitsAt("barrio").stream()
                .filter(b -> demo.effectivePublicSpace(b.code(), 2024) / demo.population(b.code(), 2024).getAsLong() > 15)
                .count();
        assertThat(filtered).contains("numberReturned=\"" + expected + "\"");
    }

    @Test
    void getFeatureAsGeoJsonCarriesValueNumeratorDenominatorAndNoDataReason() throws Exception {
        String body = get("/ogc/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=ep_efectivo_hab_comuna_2025"
                + "&OUTPUTFORMAT=geojson").body();
        JsonNode fc = new ObjectMapper().readTree(body);
        assertThat(fc.get("features")).hasSize(3);
        for (JsonNode f : fc.get("features")) {
            JsonNode p = f.get("properties");
            String code = p.get("codigo").asText();
            assertThat(p.get("anio").asInt()).isEqualTo(2025);
            assertThat(p.get("numerador").asDouble()).isCloseTo(demo.effectivePublicSpace(code, 2025), within(1e-6));
            if (code.equals("03")) {
                assertThat(p.get("sin_dato").asText()).startsWith("Sin denominador");
            } else {
                assertThat(p.get("valor").asDouble()).isCloseTo(
                        demo.effectivePublicSpace(code, 2025) / demo.population(code, 2025).getAsLong(), within(1e-6));
            }
        }
    }
}
