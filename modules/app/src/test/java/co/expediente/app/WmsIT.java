package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import co.expediente.ogc.MapServerProcess;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;

/** WMS 1.3.0 answered by MapServer's FastCGI workers through the application's public URL. */
class WmsIT extends IntegrationTest {

    private static final int SIZE = 512;

    @Autowired
    IndicatorCatalogue catalogue;

    @Autowired
    MapServerProcess mapServer;

    @Value("${expediente.mapserver.port}")
    int mapserverPort;

    @Test
    void capabilitiesNameThePublicUrlAndEveryIndicatorLayer() {
        HttpResponse<String> r = get("/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities");
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body())
                .contains("xlink:href=\"http://localhost:" + port + "/ogc/wms?\"")
                .contains("<Name>ep_efectivo_hab_barrio_2024</Name>")
                .contains("<Name>ep_efectivo_hab_comuna_2023</Name>")
                .contains("<Name>ep_efectivo_hab_barrio</Name>")
                .contains("<Name>espacio_publico</Name>")
                .contains("Espacio público efectivo por habitante")
                .doesNotContain(":" + mapserverPort)
                .doesNotContain("/mapserv?");
        // MapServer 8.0 gets EPSG:9377's axis order wrong: never advertised.
        assertThat(r.body()).contains("<CRS>EPSG:3857</CRS>").doesNotContain("EPSG:9377");
    }

    @Test
    void getMapColoursEveryBarrioWithItsClassColour() throws Exception {
        IndicatorDefinition.Classes classes = catalogue.get("ep_efectivo_hab").classes();
        double[] bbox = jdbc.sql("""
                SELECT ST_XMin(e), ST_YMin(e), ST_XMax(e), ST_YMax(e)
                FROM (SELECT ST_Transform(geom, 3857) AS e FROM territory.unit WHERE level = 'municipio') x
                """).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .single();
        BufferedImage map = getMap("ep_efectivo_hab_barrio_2024", bbox);
        assertThat(distinctColours(map)).as("not blank").isGreaterThanOrEqualTo(5);

        record Barrio(String code, double x, double y, Double value) {}
        List<Barrio> barrios = jdbc.sql("""
                SELECT u.code, ST_X(c), ST_Y(c), v.value
                FROM territory.unit u
                JOIN indicators.indicator_value v ON v.unit_id = u.id AND v.indicator_code = 'ep_efectivo_hab' AND v.year = 2024
                CROSS JOIN LATERAL ST_Transform(ST_Centroid(u.geom), 3857) AS c
                WHERE u.level = 'barrio'
                """).query((rs, i) -> new Barrio(rs.getString(1), rs.getDouble(2), rs.getDouble(3),
                (Double) rs.getObject(4))).list();
        assertThat(barrios).hasSize(12);
        Set<String> coloursSeen = new HashSet<>();
        for (Barrio b : barrios) {
            int px = (int) Math.round((b.x() - bbox[0]) / (bbox[2] - bbox[0]) * (SIZE - 1));
            int py = (int) Math.round((bbox[3] - b.y()) / (bbox[3] - bbox[1]) * (SIZE - 1));
            String expected = classes.colors().get(classes.classOf(b.value()));
            String actual = hex(map.getRGB(px, py));
            assertThat(actual).as("colour of barrio %s (value %.3f) at pixel %d,%d", b.code(), b.value(), px, py)
                    .isEqualToIgnoringCase(expected);
            coloursSeen.add(actual);
        }
        assertThat(coloursSeen).hasSizeGreaterThanOrEqualTo(4);
    }

    @Test
    void aBarrioWithoutDataIsDrawnInTheNoDataColour() throws Exception {
        double[] c = jdbc.sql("""
                SELECT ST_X(p), ST_Y(p) FROM territory.unit u
                CROSS JOIN LATERAL ST_Transform(ST_Centroid(u.geom), 3857) AS p WHERE u.code = '0304'
                """).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        double[] bbox = {c[0] - 100, c[1] - 100, c[0] + 100, c[1] + 100};
        BufferedImage map = getMap("ep_efectivo_hab_barrio_2025", bbox);
        assertThat(hex(map.getRGB(SIZE / 2, SIZE / 2)))
                .isEqualToIgnoringCase(catalogue.get("ep_efectivo_hab").classes().noDataColor());
    }

    @Test
    void theTimeEnabledLayerDefaultsToTheLatestYearAndHonoursTime() throws Exception {
        IndicatorDefinition.Classes classes = catalogue.get("ep_efectivo_hab").classes();
        assertThat(get("/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities").body())
                .contains("<Dimension name=\"time\" units=\"ISO8601\" default=\"2025\" nearestValue=\"0\">2023,2024,2025</Dimension>");
        double[] bbox = around("0304");
        String layer = "ep_efectivo_hab_barrio_tiempo";
        // 2025 (the default): no population in barrio 0304, so no data
        assertThat(hex(getMap(layer, bbox, "").getRGB(SIZE / 2, SIZE / 2))).isEqualToIgnoringCase(classes.noDataColor());
        // 2023: 40,000 m² for 6,900 inhabitants = 5.8 m²/hab
        assertThat(hex(getMap(layer, bbox, "&TIME=2023").getRGB(SIZE / 2, SIZE / 2)))
                .isEqualToIgnoringCase(classes.colors().get(classes.classOf(40_000.0 / 6_900)));
    }

    /** Every advertised CRS puts a known unit where it belongs, axis order included (WMS 1.3.0). */
    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource({"EPSG:4326, 4326, true", "EPSG:3857, 3857, false",
        "EPSG:3116, 3116, true", "EPSG:4686, 4686, true"})
    void everyAdvertisedCrsDrawsAKnownUnitInItsPlace(String crs, int srid, boolean northFirst) throws Exception {
        assertThat(get("/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities").body()).contains("<CRS>" + crs + "</CRS>");
        double[] c = jdbc.sql("""
                SELECT ST_X(p), ST_Y(p) FROM territory.unit u
                CROSS JOIN LATERAL ST_Transform(ST_Centroid(u.geom), :srid) AS p WHERE u.code = '0304'
                """).param("srid", srid).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        double d = srid == 3857 || srid == 3116 ? 100 : 0.0009;
        double[] bbox = northFirst ? new double[] {c[1] - d, c[0] - d, c[1] + d, c[0] + d}
                : new double[] {c[0] - d, c[1] - d, c[0] + d, c[1] + d};
        String path = String.format(Locale.ROOT, "/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap"
                + "&LAYERS=ep_efectivo_hab_barrio_2025&STYLES=&CRS=%s&BBOX=%.7f,%.7f,%.7f,%.7f&WIDTH=%d&HEIGHT=%d"
                + "&FORMAT=image/png", crs, bbox[0], bbox[1], bbox[2], bbox[3], SIZE, SIZE);
        HttpResponse<byte[]> r = getBytes(path);
        assertThat(r.headers().firstValue("Content-Type")).as(new String(r.body())).hasValue("image/png");
        BufferedImage map = ImageIO.read(new ByteArrayInputStream(r.body()));
        // barrio 0304 has no data in 2025: its centre is drawn in the no-data colour
        assertThat(hex(map.getRGB(SIZE / 2, SIZE / 2)))
                .isEqualToIgnoringCase(catalogue.get("ep_efectivo_hab").classes().noDataColor());
    }

    @Test
    void aThematicOverlayDrawsOnlyItsOwnLayer() throws Exception {
        // the centre of barrio 0304 holds no park: the overlay leaves it blank (with the defect of a
        // group named like the layer, MapServer drew every public-space indicator layer there)
        assertThat(hex(getMap("espacio_publico", around("0304")).getRGB(SIZE / 2, SIZE / 2))).isEqualTo("#ffffff");
    }

    @Test
    void getFeatureInfoReadsInSpanishHtmlAndInJson() throws Exception {
        double[] bbox = around("0103");
        String query = String.format(Locale.ROOT, "/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetFeatureInfo"
                + "&LAYERS=ep_efectivo_hab_barrio_2024&QUERY_LAYERS=ep_efectivo_hab_barrio_2024&STYLES=&CRS=EPSG:3857"
                + "&BBOX=%.3f,%.3f,%.3f,%.3f&WIDTH=%d&HEIGHT=%d&I=%d&J=%d", bbox[0], bbox[1], bbox[2], bbox[3],
                SIZE, SIZE, SIZE / 2, SIZE / 2);
        HttpResponse<String> html = get(query + "&INFO_FORMAT=text/html");
        assertThat(html.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
        assertThat(html.body()).contains("<html lang=\"es\">", "Espacio público efectivo por habitante (m²/hab)",
                "La Quebrada (0103)", "<td>2024</td>", "<td>15.71</td>", "meta_cumplida");
        HttpResponse<String> json = get(query + "&INFO_FORMAT=application/json");
        var feature = new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.body()).get("features").get(0);
        assertThat(feature.get("properties").get("codigo").asText()).isEqualTo("0103");
        assertThat(feature.get("properties").get("valor").asDouble()).isEqualTo(62_500.0 / 3_978);
    }

    private double[] around(String unit) {
        double[] c = jdbc.sql("""
                SELECT ST_X(p), ST_Y(p) FROM territory.unit u
                CROSS JOIN LATERAL ST_Transform(ST_Centroid(u.geom), 3857) AS p WHERE u.code = :code
                """).param("code", unit).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        return new double[] {c[0] - 100, c[1] - 100, c[0] + 100, c[1] + 100};
    }

    @Test
    void legendGraphicIsAnImage() throws Exception {
        HttpResponse<byte[]> r = getBytes("/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic"
                + "&LAYER=ep_efectivo_hab_barrio&FORMAT=image/png&SLD_VERSION=1.1.0");
        assertThat(r.headers().firstValue("Content-Type")).hasValue("image/png");
        BufferedImage legend = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(legend.getHeight()).as("six classes with no data").isGreaterThan(6 * 14);
        assertThat(distinctColours(legend)).isGreaterThan(6);
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.ValueSource(strings = {
        "bad BBOX|REQUEST=GetMap&LAYERS=espacio_publico&STYLES=&CRS=EPSG:3857&BBOX=a,b,c&WIDTH=256&HEIGHT=256&FORMAT=image/png",
        "unknown layer|REQUEST=GetMap&LAYERS=no_existe&STYLES=&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=256&HEIGHT=256&FORMAT=image/png",
        "absurd size|REQUEST=GetMap&LAYERS=espacio_publico&STYLES=&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=100000&HEIGHT=100000&FORMAT=image/png",
        "CRS not offered|REQUEST=GetMap&LAYERS=espacio_publico&STYLES=&CRS=EPSG:9377&BBOX=0,0,1,1&WIDTH=256&HEIGHT=256&FORMAT=image/png",
        "unknown request|REQUEST=DropTables",
        "injection in LAYERS|REQUEST=GetMap&LAYERS=espacio_publico%27%3BDROP%20TABLE%20territory.unit%3B--&STYLES=&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=256&HEIGHT=256&FORMAT=image/png",
        "injection in TIME|REQUEST=GetMap&LAYERS=ep_efectivo_hab_barrio_tiempo&TIME=2024%27)%20OR%201%3D1--&STYLES=&CRS=EPSG:3857&BBOX=0,0,1,1&WIDTH=256&HEIGHT=256&FORMAT=image/png"})
    void malformedRequestsGetA400OwsExceptionAndTouchNothing(String testCase) {
        String query = testCase.split("\\|", 2)[1];
        HttpResponse<String> r = get("/ogc/wms?SERVICE=WMS&VERSION=1.3.0&" + query);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(400);
        assertThat(r.body()).contains("ServiceException").doesNotContain("at co.expediente").doesNotContain("Exception in thread");
        assertThat(jdbc.sql("SELECT count(*) FROM territory.unit").query(Long.class).single()).isEqualTo(16);
    }

    @Test
    void anUnknownServicePathIsA404OwsException() {
        HttpResponse<String> unknownService = get("/ogc/wcs?REQUEST=GetCapabilities");
        assertThat(unknownService.statusCode()).isEqualTo(404);
        assertThat(unknownService.body()).contains("ows:ExceptionReport");
    }

    @Test
    void clientsCannotChooseAnotherMapfile() {
        HttpResponse<String> r = get("/ogc/wms?map=/etc/passwd&SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities");
        assertThat(r.body()).contains("<Name>ep_efectivo_hab_barrio</Name>").doesNotContain("root:");
    }

    @Test
    void aCrashedWorkerIsReplacedWithoutTheServiceGoingDown() throws Exception {
        List<Long> workers = mapServer.workerPids();
        assertThat(workers).isNotEmpty();
        ProcessHandle.of(workers.get(0)).orElseThrow().destroyForcibly();
        for (int i = 0; i < 6; i++) {
            assertThat(get("/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetCapabilities").statusCode()).isEqualTo(200);
        }
        long deadline = System.currentTimeMillis() + 5000;
        while (mapServer.workerPids().size() < workers.size() && System.currentTimeMillis() < deadline) {
            Thread.sleep(100);
        }
        assertThat(mapServer.workerPids()).hasSize(workers.size()).doesNotContain(workers.get(0));
    }

    @Test
    void responsesCarryDataVersionValidatorsAndRepeatsAreNotModified() throws Exception {
        String path = "/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetLegendGraphic&LAYER=ep_efectivo_hab_barrio"
                + "&FORMAT=image/png&SLD_VERSION=1.1.0";
        HttpResponse<byte[]> first = getBytes(path);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(first.headers().firstValue("Last-Modified")).isPresent();
        HttpResponse<byte[]> repeat = http.send(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url(path)))
                .header("If-None-Match", etag).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(repeat.statusCode()).isEqualTo(304);
        assertThat(repeat.body()).isEmpty();
        // a served-from-memory repeat is byte-identical
        assertThat(getBytes(path).body()).isEqualTo(first.body());
        // exception reports are never given validators
        HttpResponse<String> error = get("/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=no_existe");
        assertThat(error.headers().firstValue("ETag")).isEmpty();
    }

    private BufferedImage getMap(String layer, double[] bbox) throws Exception {
        return getMap(layer, bbox, "");
    }

    private BufferedImage getMap(String layer, double[] bbox, String extra) throws Exception {
        String path = String.format(Locale.ROOT, "/ogc/wms?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=%s&STYLES="
                + "&CRS=EPSG:3857&BBOX=%.3f,%.3f,%.3f,%.3f&WIDTH=%d&HEIGHT=%d&FORMAT=image/png",
                layer, bbox[0], bbox[1], bbox[2], bbox[3], SIZE, SIZE) + extra;
        HttpResponse<byte[]> r = getBytes(path);
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Type")).as(new String(r.body())).hasValue("image/png");
        return ImageIO.read(new ByteArrayInputStream(r.body()));
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                colours.add(image.getRGB(x, y) & 0xFFFFFF);
            }
        }
        return colours.size();
    }

    private static String hex(int rgb) {
        return String.format("#%06x", rgb & 0xFFFFFF);
    }
}
