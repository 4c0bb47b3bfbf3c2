package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.ogc.ThematicLayers;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/**
 * Every published layer, read with GDAL's own clients as QGIS users would: every WFS feature type
 * and every OGC API collection has the number of features the database says, and every thematic
 * WMS layer renders something.
 */
class EveryPublishedLayerIT extends IntegrationTest {

    private static final Pattern LAYER = Pattern.compile("Layer name: (\\S+)[\\s\\S]*?Feature Count: (\\d+)");

    @Test
    void everyWfsFeatureTypeHasItsFeatures() throws Exception {
        Map<String, Long> counts = featureCounts("WFS:" + url("/ogc/wfs"));
        long indicatorsWithValues = jdbc.sql("SELECT count(DISTINCT indicator_code) FROM indicators.indicator_value")
                .query(Long.class).single();
        // per indicator and level (comuna, barrio): the latest year, the time-enabled layer and one per year (3)
        assertThat(counts.keySet().stream().filter(n -> !isThematic(n)).count()).isEqualTo(indicatorsWithValues * 2 * 5);
        counts.forEach((name, count) -> {
            String layer = name.contains(":") ? name.substring(name.indexOf(':') + 1) : name;
            assertThat(count).as(layer).isEqualTo(expectedWfs(layer));
        });
        for (ThematicLayers.ThematicLayer t : ThematicLayers.ALL) {
            assertThat(counts.keySet()).as("WFS offers %s", t.name()).anyMatch(n -> n.endsWith(t.name()));
        }
    }

    @Test
    void everyOgcApiCollectionHasItsFeatures() throws Exception {
        Map<String, Long> counts = featureCounts("OAPIF:" + url("/ogc/api"));
        assertThat(counts).hasSizeGreaterThanOrEqualTo(ThematicLayers.ALL.size() + 2);
        counts.forEach((name, count) -> {
            long expected = ThematicLayers.find(name)
                    .map(t -> jdbc.sql("SELECT count(*) FROM layers." + t.table()).query(Long.class).single())
                    .orElseGet(() -> jdbc.sql("""
                            SELECT count(*) FROM indicators.indicator_value v JOIN territory.unit u ON u.id = v.unit_id
                            WHERE v.indicator_code || '_' || u.level = :name""").param("name", name).query(Long.class).single());
            assertThat(count).as(name).isEqualTo(expected);
        });
    }

    @Test
    void everyThematicWmsLayerRendersThroughGdal() throws Exception {
        double[] b = jdbc.sql("""
                SELECT ST_XMin(e) - 200, ST_YMin(e) - 200, ST_XMax(e) + 200, ST_YMax(e) + 200
                FROM (SELECT ST_Transform(geom, 3857) AS e FROM territory.unit WHERE level = 'municipio') x
                """).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2), rs.getDouble(3), rs.getDouble(4)})
                .single();
        Path dir = Files.createTempDirectory("wms");
        for (ThematicLayers.ThematicLayer t : ThematicLayers.ALL) {
            long current = jdbc.sql("SELECT count(*) FROM layers." + t.table() + " WHERE valid_to IS NULL").query(Long.class).single();
            Path png = dir.resolve(t.name() + ".png");
            String wms = String.format(Locale.ROOT, "WMS:%s?SERVICE=WMS&VERSION=1.3.0&REQUEST=GetMap&LAYERS=%s&CRS=EPSG:3857"
                    + "&BBOX=%.2f,%.2f,%.2f,%.2f&FORMAT=image/png&TRANSPARENT=FALSE", url("/ogc/wms"), t.name(), b[0], b[1], b[2], b[3]);
            TestPostgis.run(List.of("gdal_translate", "-q", "-of", "PNG", "-outsize", "400", "0", wms, png.toString()));
            BufferedImage image = ImageIO.read(png.toFile());
            Set<Integer> colours = new HashSet<>();
            for (int y = 0; y < image.getHeight(); y++) {
                for (int x = 0; x < image.getWidth(); x++) {
                    colours.add(image.getRGB(x, y) & 0xFFFFFF);
                }
            }
            assertThat(colours.size() > 1).as("%s (%d features in force) drew something", t.name(), current)
                    .isEqualTo(current > 0);
        }
    }

    private boolean isThematic(String name) {
        return ThematicLayers.ALL.stream().anyMatch(t -> name.endsWith(t.name()));
    }

    private long expectedWfs(String layer) {
        return ThematicLayers.find(layer)
                .map(t -> jdbc.sql("SELECT count(*) FROM layers." + t.table() + " WHERE valid_to IS NULL").query(Long.class).single())
                .orElseGet(() -> {
                    String level = layer.contains("_barrio") ? "barrio" : "comuna";
                    return jdbc.sql("SELECT count(*) FROM territory.unit WHERE level = :level").param("level", level)
                            .query(Long.class).single() * (layer.endsWith("_tiempo") ? 3 : 1);
                });
    }

    private static Map<String, Long> featureCounts(String datasource) throws Exception {
        String out = TestPostgis.run(List.of("ogrinfo", "-ro", "-so", "-al", datasource));
        Map<String, Long> counts = new TreeMap<>();
        Matcher m = LAYER.matcher(out);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        assertThat(counts).as(out.length() > 2000 ? out.substring(0, 2000) : out).isNotEmpty();
        return counts;
    }
}
