package co.expediente.territory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Only the accepted drivers stay enabled; the PG connection keeps the password off the command line. */
class GdalTest {

    @Test
    void everyOtherVectorDriverIsSkipped() {
        String skip = Gdal.skipList("""
                Supported Formats:
                  PCIDSK -raster,vector- (rw+v): PCIDSK Database File
                  OGR_VRT -vector- (rov): VRT - Virtual Datasource
                  GeoJSON -vector- (rw+v): GeoJSON
                  ESRI Shapefile -vector- (rw+v): ESRI Shapefile
                  CSV -vector- (rw+v): Comma Separated Value (.csv)
                  SQLite -vector- (rw+v): SQLite / Spatialite
                  PostgreSQL -vector- (rw+): PostgreSQL/PostGIS
                """);
        assertThat(List.of(skip.split(" "))).containsExactly("PCIDSK", "OGR_VRT", "SQLite");
    }

    @Test
    void thePasswordTravelsInTheEnvironment() {
        PgConnection pg = PgConnection.fromJdbc("jdbc:postgresql://127.0.0.1:55432/expediente_x?sslmode=disable", "expediente", "s3cr'et");
        assertThat(pg.dataset()).isEqualTo("PG:host=127.0.0.1 port=55432 dbname=expediente_x user=expediente application_name=expediente-import");
        assertThat(pg.env()).isEqualTo(Map.of("PGPASSWORD", "s3cr'et"));
    }
}
