package co.expediente.territory.demo;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/** Loads the demo municipality into the territory schema, once: a second load changes nothing. */
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

    private final JdbcClient jdbc;

    public DemoLoader(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return true when the demo was loaded now, false when it was already there */
    @Transactional
    public boolean loadIfAbsent() {
        DemoMunicipality demo = new DemoMunicipality();
        long present = jdbc.sql(EXISTS).param("code", DemoMunicipality.MUNICIPIO_CODE).query(Long.class).single();
        if (present > 0) {
            log.info("Demo municipality already loaded; nothing to do");
            return false;
        }
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
        return true;
    }
}
