package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import co.expediente.ExpedienteApplication;
import co.expediente.territory.imports.ImportReport;
import co.expediente.territory.imports.ImportSet;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ContextConfiguration;

/**
 * Real data: every Medellín file of ../shared/geodata/medellin (mappings/medellin/manifest.yaml)
 * into its own database {@code expediente_medellin_test} of the shared test PostGIS, with feature
 * counts and totals checked against the files themselves. Skipped when the folder is absent.
 */
@EnabledIf(value = "co.expediente.app.MedellinImportIT#dataPresent",
        disabledReason = "../shared/geodata/medellin is absent: the Medellín data set lives beside the repository")
@SpringBootTest(classes = ExpedienteApplication.class, webEnvironment = SpringBootTest.WebEnvironment.NONE,
        properties = {"expediente.demo.enabled=false", "expediente.mapserver.managed=false"})
@ContextConfiguration(initializers = MedellinImportIT.MedellinDatabase.class)
class MedellinImportIT {

    /** The data folder, relative to the repository root (the tests run in modules/app). */
    static final Path DATA = Path.of("../../../shared/geodata/medellin").toAbsolutePath().normalize();

    @Autowired
    ImportSet sets;

    @Autowired
    JdbcClient jdbc;

    static boolean dataPresent() {
        return Files.isDirectory(DATA);
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }

    @Test
    void theWholeCityLoadsWithItsCountsAndTotals() throws IOException {
        ImportSet.Manifest manifest = sets.manifest("medellin");
        long started = System.nanoTime();
        List<ImportSet.Outcome> outcomes = sets.run(manifest, DATA, false, true);
        long totalMs = (System.nanoTime() - started) / 1_000_000;
        Map<String, ImportReport> byFile = new TreeMap<>();
        StringBuilder times = new StringBuilder("Medellín import times:\n");
        for (ImportSet.Outcome o : outcomes) {
            ImportReport r = o.report();
            assertThat(r.status()).as(r.toText()).isEqualTo("loaded");
            byFile.put(o.entry().file() + " " + o.entry().mapping(), r);
            times.append(String.format("  %-48s %-16s %5d read %5d loaded %3d repaired %3d rejected %6d ms%n",
                    o.entry().file(), r.layer(), r.counts().read(), r.counts().loaded(), r.counts().repaired(),
                    r.counts().rejected(), r.durationMs()));
        }
        times.append("  total ").append(totalMs).append(" ms");
        System.out.println(times);
        assertThat(outcomes).hasSize(manifest.entries().size());

        // Units: 1 municipio, 16 comunas + 5 corregimientos, 271 cadastral barrios + 78 veredas (9011 joined)
        assertThat(count("SELECT count(*) FROM territory.unit WHERE level = 'municipio'")).isEqualTo(1);
        assertThat(count("SELECT count(*) FROM territory.unit WHERE level = 'comuna'")).isEqualTo(21);
        assertThat(count("SELECT count(*) FROM territory.unit WHERE kind = 'corregimiento'")).isEqualTo(5);
        assertThat(count("SELECT count(*) FROM territory.unit WHERE kind = 'barrio'")).isEqualTo(271);
        assertThat(count("SELECT count(*) FROM territory.unit WHERE kind = 'vereda'")).isEqualTo(78);
        assertThat(count("SELECT count(*) FROM territory.unit WHERE level <> 'municipio' AND parent_id IS NULL")).isZero();
        assertThat(count("SELECT round(ST_Area(geom) / 1e6) FROM territory.unit WHERE level = 'municipio'")).isBetween(370L, 384L);

        // Population: the city per year is the CSV's sum, every year 2018-2030
        Map<Integer, Long> csv = new TreeMap<>();
        List<String> lines = Files.readAllLines(DATA.resolve("poblacion_comunas_corregimientos_2018_2030.csv"));
        String[] header = lines.get(0).split(",");
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            for (int i = 2; i < header.length; i++) {
                csv.merge(Integer.parseInt(header[i]), Long.parseLong(cells[i]), Long::sum);
            }
        }
        assertThat(csv).containsEntry(2018, 2_427_133L).containsEntry(2024, 2_524_747L).hasSize(13);
        Map<Integer, Long> stored = new TreeMap<>();
        jdbc.sql("""
                SELECT p.year, sum(p.population) FROM territory.population p JOIN territory.unit u ON u.id = p.unit_id
                WHERE u.level = 'comuna' GROUP BY p.year""").query((rs, i) -> stored.put(rs.getInt(1), rs.getLong(2))).list();
        assertThat(stored).isEqualTo(csv);
        ImportReport barrios = byFile.get("poblacion_barrios_2018_2030.csv medellin/poblacion_barrios");
        // 248 codes match the cadastre, 14 institutional areas through the mapping's crosswalk (Inst_11 -> 0406 …);
        // Inst_7, Inst_13, Inst_18, SN01 ×3 and SN02 have no polygon
        assertThat(barrios.counts().loaded()).isEqualTo(262);
        assertThat(barrios.counts().rejected()).isEqualTo(7);
        assertThat(barrios.reasons()).containsEntry("unidad_inexistente", 7);
        assertThat(barrios.warnings()).anyMatch(w -> w.contains("unidades de nivel barrio no tienen cifras") && w.contains("1002"));
        // with the 0 recorded for three institutional areas, every urban barrio of the 16 comunas has a figure
        assertThat(count("""
                SELECT count(*) FROM territory.unit b JOIN territory.unit c ON c.id = b.parent_id
                WHERE b.level = 'barrio' AND c.kind = 'comuna' AND b.code NOT LIKE '6098'
                  AND NOT EXISTS (SELECT 1 FROM territory.population p WHERE p.unit_id = b.id AND p.year = 2024)""")).isZero();

        // Mobility
        assertThat(count("SELECT count(*) FROM layers.transit_station")).isEqualTo(81);
        assertThat(jdbc.sql("SELECT string_agg(mode || '=' || n, ' ' ORDER BY mode) FROM (SELECT mode, count(*) n FROM layers.transit_station GROUP BY mode) x")
                .query(String.class).single()).isEqualTo("brt=30 cable=16 metro=27 tranvia=8");
        assertThat(count("SELECT count(*) FROM layers.transit_line")).isEqualTo(14);
        assertThat(count("SELECT count(*) FROM layers.cycleway")).isEqualTo(149);
        assertThat(count("SELECT round(sum(ST_Length(geom)) / 1000) FROM layers.cycleway")).isBetween(115L, 130L);
        assertThat(count("SELECT min(valid_from) FROM layers.cycleway")).isEqualTo(2001);
        assertThat(count("SELECT count(*) FROM layers.cycleway WHERE valid_from <= 2018")).isEqualTo(60);
        assertThat(count("SELECT count(*) FROM layers.road")).isEqualTo(270);

        // Risk: 720 polygons read, each loaded, repaired or rejected with a reason
        ImportReport risk = byFile.get("pot_riesgo.geojson medellin/pot_riesgo");
        assertThat(risk.counts().read()).isEqualTo(720);
        assertThat(risk.counts().loaded() + risk.counts().rejected()).isEqualTo(720);
        assertThat(risk.features()).hasSize((int) (risk.counts().repaired() + risk.counts().rejected()))
                .allSatisfy(f -> assertThat(f.reason()).isNotBlank())
                .allSatisfy(f -> assertThat(f.detail()).isNotBlank());
        assertThat(count("SELECT count(*) FROM layers.hazard_zone")).isEqualTo(risk.counts().loaded());
        assertThat(count("SELECT count(*) FROM layers.hazard_zone WHERE NOT ST_IsValid(geom)")).isZero();
        assertThat(count("SELECT count(*) FROM layers.hazard_zone WHERE non_mitigable")).isBetween(80L, 86L);

        // Planning and facilities
        assertThat(count("SELECT count(*) FROM layers.treatment")).isEqualTo(522);
        assertThat(count("SELECT count(*) FROM layers.treatment WHERE max_density IS NULL")).isEqualTo(202);
        assertThat(count("SELECT count(*) FROM layers.treatment WHERE max_ic = 2.5")).isEqualTo(36);
        assertThat(count("SELECT count(*) FROM layers.centrality")).isEqualTo(78);
        assertThat(count("SELECT count(*) FROM layers.facility")).isEqualTo(2139 + 779);
        assertThat(count("SELECT count(*) FROM layers.facility WHERE category = 'educacion' AND valid_from <= 2024 "
                + "AND (valid_to IS NULL OR valid_to > 2024)")).isEqualTo(779);
        assertThat(count("SELECT count(*) FROM layers.facility WHERE category = 'educacion' AND valid_from <= 2020 "
                + "AND (valid_to IS NULL OR valid_to > 2020)")).isEqualTo(659);

        // A second run finds every file already imported unchanged
        List<ImportSet.Outcome> again = sets.run(manifest, DATA, false, true);
        assertThat(again).allMatch(ImportSet.Outcome::skipped);
    }

    /** Creates expediente_medellin_test in the shared test cluster; Flyway migrates it at start-up. */
    static class MedellinDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {
        @Override
        public void initialize(ConfigurableApplicationContext context) {
            TestPostgis pg = TestPostgis.get();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("medellin-test-db", Map.of(
                    "spring.datasource.url", TestDatabases.create("expediente_medellin_test"),
                    "spring.datasource.username", pg.user,
                    "spring.datasource.password", pg.password)));
        }
    }
}
