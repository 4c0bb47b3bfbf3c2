package co.expediente.territory.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Loads the demo municipality into the territory schema, once: a second load changes nothing. Each
 * structuring-system layer is loaded on its own when the demo's features are not there yet, so a
 * database made by an older version of the demo gets the layers added since.
 */
@Component
public class DemoLoader {

    private static final Logger log = LoggerFactory.getLogger(DemoLoader.class);

    private static final String EXISTS = "SELECT count(*) FROM territory.unit WHERE code = :code";
    private static final String INSERT_UNIT = """
            INSERT INTO territory.unit (code, name, level, kind, parent_id, geom)
            VALUES (:code, :name, :level, :kind,
                    (SELECT id FROM territory.unit WHERE code = :parent),
                    ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_POPULATION = """
            INSERT INTO territory.population (unit_id, year, population, source)
            SELECT id, :year, :population, :source FROM territory.unit WHERE code = :code
            """;
    private static final String INSERT_PUBLIC_SPACE = """
            INSERT INTO layers.public_space (source_id, name, type, effective, valid_from, valid_to, geom)
            VALUES (:sourceId, :name, :type, :effective, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;

    private static final String INSERT_HAZARD_ZONE = """
            INSERT INTO layers.hazard_zone (source_id, name, hazard, level, non_mitigable, valid_from, valid_to, geom)
            VALUES (:sourceId, :name, :hazard, :level, :nonMitigable, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_TRANSIT_STATION = """
            INSERT INTO layers.transit_station (source_id, name, line, mode, status, valid_from, valid_to, geom)
            VALUES (:sourceId, :name, :line, :mode, :status, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_TRANSIT_LINE = """
            INSERT INTO layers.transit_line (source_id, name, line, mode, status, valid_from, valid_to, geom)
            VALUES (:sourceId, :name, :line, :mode, :status, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_CYCLEWAY = """
            INSERT INTO layers.cycleway (source_id, name, year_built, status, type, valid_from, valid_to, geom)
            VALUES (:sourceId, :name, :yearBuilt, :status, :type, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_DWELLING = """
            INSERT INTO layers.dwelling (source_id, units, year_built, valid_from, valid_to, geom)
            VALUES (:sourceId, :units, :yearBuilt, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_HOUSING_PROJECT = """
            INSERT INTO layers.housing_project (source_id, name, units, vis, vip, year, valid_from, valid_to, geom)
            VALUES (:sourceId, :name, :units, :vis, :vip, :year, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_FACILITY = """
            INSERT INTO layers.facility (source_id, name, category, scale, sector, valid_from, valid_to, geom)
            VALUES (:sourceId, :name, :category, :scale, :sector, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_LAND_CLASS = """
            INSERT INTO layers.land_class (source_id, class, valid_from, valid_to, geom)
            VALUES (:sourceId, :landClass, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_TREATMENT = """
            INSERT INTO layers.treatment (source_id, code, type, name, max_density, valid_from, valid_to, geom)
            VALUES (:sourceId, :code, :type, :name, :maxDensity, :validFrom, :validTo, ST_GeomFromText(:wkt, 9377))
            """;
    private static final String INSERT_HOUSEHOLDS = """
            INSERT INTO territory.households (unit_id, year, households, occupied_dwellings, dwellings, source)
            SELECT id, :year, :households, :occupied, :dwellings, :source FROM territory.unit WHERE code = :code
            ON CONFLICT (unit_id, year) DO NOTHING
            """;
    /** The demo's households figures are there (the first barrio's first year). */
    private static final String HOUSEHOLDS_PRESENT = """
            SELECT count(*) FROM territory.households h JOIN territory.unit u ON u.id = h.unit_id
            WHERE u.code = :code AND h.year = :year AND h.source = :source
            """;
    /** Tables of schema layers the demo fills, checked by one of its source ids (identifiers from this list only). */
    private static final List<String> LAYER_TABLES = List.of("hazard_zone", "transit_station", "transit_line",
            "cycleway", "dwelling", "housing_project", "facility", "land_class", "treatment");

    private final JdbcClient jdbc;

    public DemoLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the demo (or any of its layers) was loaded now, false when all was already there */
    @Transactional
    public boolean loadIfAbsent() {
        DemoMunicipality demo = new DemoMunicipality();
        long present = jdbc.sql(EXISTS).param("code", DemoMunicipality.MUNICIPIO_CODE).query(Long.class).single();
        boolean loaded = false;
        if (present == 0) {
            loadUnitsPopulationAndPublicSpace(demo);
            loaded = true;
        }
        loaded |= loadStructuringLayers(demo);
        if (!loaded) {
            log.info("Demo municipality already loaded; nothing to do");
        }
        return loaded;
    }

    private void loadUnitsPopulationAndPublicSpace(DemoMunicipality demo) {
        for (DemoMunicipality.Unit u : demo.units()) {
            jdbc.sql(INSERT_UNIT)
                    .param("code", u.code()).param("name", u.name()).param("level", u.level())
                    .param("kind", u.kind()).param("parent", u.parentCode()).param("wkt", u.shape().toWkt())
                    .update();
        }
        for (DemoMunicipality.Population p : demo.population()) {
            jdbc.sql(INSERT_POPULATION)
                    .param("year", p.year()).param("population", p.population())
                    .param("source", DemoMunicipality.SOURCE).param("code", p.unitCode())
                    .update();
        }
        for (DemoMunicipality.PublicSpace s : demo.publicSpace()) {
            jdbc.sql(INSERT_PUBLIC_SPACE)
                    .param("sourceId", s.sourceId()).param("name", s.name()).param("type", s.type())
                    .param("effective", s.effective()).param("validFrom", s.validFrom())
                    .param("validTo", s.validTo()).param("wkt", s.shape().toWkt())
                    .update();
        }
        log.info("Demo municipality loaded: {} units, {} public-space features, {} population figures",
                demo.units().size(), demo.publicSpace().size(), demo.population().size());
    }

    private boolean loadStructuringLayers(DemoMunicipality demo) {
        List<String> loaded = new ArrayList<>();
        loadLayer(loaded, "hazard_zone", demo.hazardZones(), DemoMunicipality.HazardZone::sourceId, z -> jdbc.sql(INSERT_HAZARD_ZONE)
                .param("sourceId", z.sourceId()).param("name", z.name()).param("hazard", z.hazard())
                .param("level", z.level()).param("nonMitigable", z.nonMitigable())
                .param("validFrom", z.validFrom()).param("validTo", z.validTo()).param("wkt", z.shape().toWkt())
                .update());
        loadLayer(loaded, "transit_station", demo.transitStations(), DemoMunicipality.TransitStation::sourceId,
                t -> jdbc.sql(INSERT_TRANSIT_STATION)
                        .param("sourceId", t.sourceId()).param("name", t.name()).param("line", t.line())
                        .param("mode", t.mode()).param("status", t.status())
                        .param("validFrom", t.validFrom()).param("validTo", t.validTo())
                        .param("wkt", t.location().toWkt())
                        .update());
        loadLayer(loaded, "transit_line", demo.transitLines(), DemoMunicipality.TransitLine::sourceId,
                t -> jdbc.sql(INSERT_TRANSIT_LINE)
                        .param("sourceId", t.sourceId()).param("name", t.name()).param("line", t.line())
                        .param("mode", t.mode()).param("status", t.status())
                        .param("validFrom", t.validFrom()).param("validTo", t.validTo()).param("wkt", t.path().toWkt())
                        .update());
        loadLayer(loaded, "cycleway", demo.cycleways(), DemoMunicipality.Cycleway::sourceId, c -> jdbc.sql(INSERT_CYCLEWAY)
                .param("sourceId", c.sourceId()).param("name", c.name()).param("yearBuilt", c.yearBuilt())
                .param("status", c.status()).param("type", c.type())
                .param("validFrom", c.validFrom()).param("validTo", c.validTo()).param("wkt", c.path().toWkt())
                .update());
        loadLayer(loaded, "dwelling", demo.dwellings(), DemoMunicipality.Dwelling::sourceId, d -> jdbc.sql(INSERT_DWELLING)
                .param("sourceId", d.sourceId()).param("units", d.units()).param("yearBuilt", d.yearBuilt())
                .param("validFrom", d.validFrom()).param("validTo", d.validTo()).param("wkt", d.location().toWkt())
                .update());
        loadLayer(loaded, "housing_project", demo.housingProjects(), DemoMunicipality.HousingProject::sourceId,
                h -> jdbc.sql(INSERT_HOUSING_PROJECT)
                        .param("sourceId", h.sourceId()).param("name", h.name()).param("units", h.units())
                        .param("vis", h.vis()).param("vip", h.vip()).param("year", h.year())
                        .param("validFrom", h.validFrom()).param("validTo", h.validTo())
                        .param("wkt", h.location().toWkt())
                        .update());
        loadLayer(loaded, "facility", demo.facilities(), DemoMunicipality.Facility::sourceId, f -> jdbc.sql(INSERT_FACILITY)
                .param("sourceId", f.sourceId()).param("name", f.name()).param("category", f.category())
                .param("scale", f.scale()).param("sector", f.sector())
                .param("validFrom", f.validFrom()).param("validTo", f.validTo()).param("wkt", f.location().toWkt())
                .update());
        loadLayer(loaded, "land_class", demo.landClasses(), DemoMunicipality.LandClass::sourceId, l -> jdbc.sql(INSERT_LAND_CLASS)
                .param("sourceId", l.sourceId()).param("landClass", l.landClass())
                .param("validFrom", l.validFrom()).param("validTo", l.validTo()).param("wkt", l.shape().toWkt())
                .update());
        loadLayer(loaded, "treatment", demo.treatments(), DemoMunicipality.Treatment::sourceId, t -> jdbc.sql(INSERT_TREATMENT)
                .param("sourceId", t.sourceId()).param("code", t.code()).param("type", t.type())
                .param("name", t.name()).param("maxDensity", t.maxDensity())
                .param("validFrom", t.validFrom()).param("validTo", t.validTo()).param("wkt", t.shape().toWkt())
                .update());
        DemoMunicipality.Households first = demo.households().get(0);
        long households = jdbc.sql(HOUSEHOLDS_PRESENT).param("code", first.unitCode()).param("year", first.year())
                .param("source", DemoMunicipality.HOUSEHOLDS_SOURCE).query(Long.class).single();
        if (households == 0) {
            for (DemoMunicipality.Households h : demo.households()) {
                jdbc.sql(INSERT_HOUSEHOLDS)
                        .param("year", h.year()).param("households", h.households())
                        .param("occupied", h.occupiedDwellings()).param("dwellings", h.dwellings())
                        .param("source", DemoMunicipality.HOUSEHOLDS_SOURCE).param("code", h.unitCode())
                        .update();
            }
            loaded.add("households (" + demo.households().size() + ")");
        }
        if (!loaded.isEmpty()) {
            log.info("Demo layers loaded: {}", String.join(", ", loaded));
        }
        return !loaded.isEmpty();
    }

    /** Inserts a layer's demo features unless some of them (by source id) are already in its table. */
    private <T> void loadLayer(List<String> loaded, String table, List<T> features, Function<T, String> sourceId,
                               Consumer<T> insert) {
        if (!LAYER_TABLES.contains(table)) {
            throw new IllegalArgumentException("not a demo layer: " + table);
        }
        String[] ids = features.stream().map(sourceId).distinct().toArray(String[]::new);
        // table is one of LAYER_TABLES, never input
        long present = jdbc.sql("SELECT count(*) FROM layers." + table + " WHERE source_id = ANY(:ids)")
                .param("ids", ids).query(Long.class).single();
        if (present == 0) {
            features.forEach(insert);
            loaded.add(table + " (" + features.size() + ")");
        }
    }
}
