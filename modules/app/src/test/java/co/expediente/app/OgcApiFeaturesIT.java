package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import co.expediente.territory.demo.DemoMunicipality;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** OGC API – Features from the application: what MapServer 8.0 lacks (crs, filters, datetime, uncapped paging). */
class OgcApiFeaturesIT extends IntegrationTest {

    private final ObjectMapper json = new ObjectMapper();
    private final DemoMunicipality demo = new DemoMunicipality();

    @Test
    void gdalReadsTheCollectionsWithTheOapifDriver() throws Exception {
        String list = TestPostgis.run(List.of("ogrinfo", "-ro", "-q", "OAPIF:" + url("/ogc/api")));
        assertThat(list).contains("ep_efectivo_hab_barrio").contains("ep_efectivo_hab_comuna").contains("espacio_publico");
        String summary = TestPostgis.run(List.of("ogrinfo", "-ro", "-so", "OAPIF:" + url("/ogc/api"), "ep_efectivo_hab_barrio"));
        assertThat(summary).contains("Feature Count: 36");
    }

    @Test
    void datetimeSelectsTheYearAndValuesEqualTheTruth() throws Exception {
        JsonNode fc = items("ep_efectivo_hab_barrio", "datetime=2024");
        assertThat(fc.get("numberMatched").asInt()).isEqualTo(12);
        for (JsonNode f : fc.get("features")) {
            JsonNode p = f.get("properties");
            String code = p.get("codigo").asText();
            assertThat(p.get("anio").asInt()).isEqualTo(2024);
            assertThat(p.get("valor").asDouble()).isCloseTo(
                    demo.effectivePublicSpace(code, 2024) / demo.population(code, 2024).getAsLong(), within(1e-9));
        }
        assertThat(items("ep_efectivo_hab_barrio", "datetime=2023/2024").get("numberMatched").asInt()).isEqualTo(24);
        assertThat(items("ep_efectivo_hab_barrio", "datetime=2025-06-30").get("numberMatched").asInt()).isEqualTo(12);
        assertThat(items("espacio_publico", "datetime=2023").get("numberMatched").asInt()).isEqualTo(17);
    }

    @Test
    void propertyFiltersSelectFeatures() throws Exception {
        JsonNode one = items("ep_efectivo_hab_barrio", "codigo=0103&anio=2024");
        assertThat(one.get("numberMatched").asInt()).isEqualTo(1);
        assertThat(one.get("features").get(0).get("properties").get("nombre").asText()).isEqualTo("La Quebrada");
        assertThat(items("ep_efectivo_hab_comuna", "estado=sin_dato").get("features").get(0)
                .get("properties").get("codigo").asText()).isEqualTo("03");
        assertThat(items("espacio_publico", "efectivo=no").get("numberMatched").asInt()).isEqualTo(2);
        assertThat(items("zonas_amenaza", "no_mitigable=si&datetime=2024").get("numberMatched").asInt())
                .isEqualTo(jdbc.sql("SELECT count(*) FROM layers.hazard_zone WHERE non_mitigable AND valid_from <= 2024 AND (valid_to IS NULL OR valid_to > 2024)")
                        .query(Integer.class).single());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "http://www.opengis.net/def/crs/OGC/1.3/CRS84, 4326, false",
        "http://www.opengis.net/def/crs/EPSG/0/4326, 4326, true",
        "http://www.opengis.net/def/crs/EPSG/0/3857, 3857, false",
        "http://www.opengis.net/def/crs/EPSG/0/3116, 3116, true",
        "http://www.opengis.net/def/crs/EPSG/0/9377, 9377, true"})
    void everyOfferedCrsPutsAKnownPointWhereItBelongsInItsAxisOrder(String crs, int srid, boolean northFirst) throws Exception {
        // the south-west corner of barrio 0101 is the demo's origin in EPSG:9377
        double[] xy = jdbc.sql("SELECT ST_X(p), ST_Y(p) FROM ST_Transform(ST_SetSRID(ST_MakePoint(:x, :y), 9377), :srid) AS p")
                .param("x", DemoMunicipality.ORIGIN_X).param("y", DemoMunicipality.ORIGIN_Y).param("srid", srid)
                .query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        HttpResponse<String> r = get("/ogc/api/collections/ep_efectivo_hab_barrio/items?codigo=0101&anio=2024&crs="
                + java.net.URLEncoder.encode(crs, java.nio.charset.StandardCharsets.UTF_8));
        assertThat(r.headers().firstValue("Content-Crs")).hasValue("<" + crs + ">");
        JsonNode ring = json.readTree(r.body()).get("features").get(0).get("geometry").get("coordinates").get(0).get(0);
        double tolerance = srid == 4326 ? 1e-6 : 0.05;
        boolean found = false;
        for (JsonNode position : ring) {
            double first = position.get(0).asDouble();
            double second = position.get(1).asDouble();
            double expectedFirst = northFirst ? xy[1] : xy[0];
            double expectedSecond = northFirst ? xy[0] : xy[1];
            found |= Math.abs(first - expectedFirst) < tolerance && Math.abs(second - expectedSecond) < tolerance;
        }
        assertThat(found).as("corner %s in %s", List.of(xy[0], xy[1]), ring).isTrue();
    }

    @Test
    void pagingIsNeverSilentlyCappedAndNextLinksReachEveryFeature() throws Exception {
        Set<String> ids = new HashSet<>();
        String next = "/ogc/api/collections/ep_efectivo_hab_barrio/items?limit=5";
        int pages = 0;
        while (next != null) {
            JsonNode fc = json.readTree(get(next).body());
            fc.get("features").forEach(f -> ids.add(f.get("id").asText()));
            next = null;
            for (JsonNode l : fc.get("links")) {
                if (l.get("rel").asText().equals("next")) {
                    next = l.get("href").asText().substring(url("").length());
                }
            }
            pages++;
        }
        assertThat(ids).hasSize(36);
        assertThat(pages).isEqualTo(8);
    }

    @Test
    void malformedParametersAre400ProblemJson() {
        String items = "/ogc/api/collections/ep_efectivo_hab_barrio/items?";
        for (String bad : List.of("colour=red", "crs=EPSG:4326", "datetime=ayer", "limit=0", "limit=20000",
                "bbox=1,2,3", "bbox=a,b,c,d", "anio=dosmil", "datetime=2025/2023", "f=xml")) {
            HttpResponse<String> r = get(items + bad);
            assertThat(r.statusCode()).as(bad).isEqualTo(400);
            assertThat(r.headers().firstValue("Content-Type").orElse("")).as(bad).startsWith("application/problem+json");
        }
        assertThat(get("/ogc/api/collections/no_existe/items").statusCode()).isEqualTo(404);
        assertThat(get("/ogc/api/collections/ep_efectivo_hab_barrio/items/999999999").statusCode()).isEqualTo(404);
    }

    @Test
    void landingConformanceAndHtmlAreServed() throws Exception {
        JsonNode conformance = json.readTree(get("/ogc/api/conformance").body());
        assertThat(conformance.get("conformsTo").toString()).contains("ogcapi-features-2/1.0/conf/crs");
        HttpResponse<String> html = get("/ogc/api/collections/ep_efectivo_hab_comuna/items?f=html&datetime=2024");
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("<html lang=\"es\">", "Comuna 1 - Río Norte");
        assertThat(json.readTree(get("/ogc/api").body()).get("links").get(0).get("href").asText())
                .isEqualTo("http://localhost:" + port + "/ogc/api");
    }

    private JsonNode items(String collection, String query) throws Exception {
        HttpResponse<String> r = get("/ogc/api/collections/" + collection + "/items?limit=1000&" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        return json.readTree(r.body());
    }
}
