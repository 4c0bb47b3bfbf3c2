package co.expediente.territory.imports;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** CRS detection and field listing from ogrinfo's report (GDAL 3.6 text format). */
class SourceInfoTest {

    private static final String GEOJSON = """
            INFO: Open of `/data/pot_riesgo.geojson'
                  using driver `GeoJSON' successful.

            Layer name: pot_riesgo
            Geometry: Unknown (any)
            Feature Count: 720
            Extent: (-75.716946, 6.170101) - (-75.513516, 6.367292)
            Layer SRS WKT:
            GEOGCRS["WGS 84",
                DATUM["World Geodetic System 1984",
                    ELLIPSOID["WGS 84",6378137,298.257223563,
                        LENGTHUNIT["metre",1]]],
                PRIMEM["Greenwich",0,
                    ANGLEUNIT["degree",0.0174532925199433]],
                CS[ellipsoidal,2],
                    AXIS["geodetic latitude (Lat)",north,
                        ORDER[1],
                        ANGLEUNIT["degree",0.0174532925199433]],
                    AXIS["geodetic longitude (Lon)",east,
                        ORDER[2],
                        ANGLEUNIT["degree",0.0174532925199433]],
                ID["EPSG",4326]]
            Data axis to CRS axis mapping: 2,1
            nombre: String (0.0)
            riesgo: String (0.0)
            st_length(shape): Real (0.0)
            codigo_linea: Integer64 (0.0)
            activo: Integer(Boolean) (0.0)
            """;

    @Test
    void aGeoJsonReportsItsLayerFieldsAndEpsgCode() {
        SourceInfo info = SourceInfo.parse(GEOJSON);
        assertThat(info.driver()).isEqualTo("GeoJSON");
        assertThat(info.layers()).hasSize(1);
        SourceInfo.LayerInfo l = info.layers().get(0);
        assertThat(l.name()).isEqualTo("pot_riesgo");
        assertThat(l.featureCount()).isEqualTo(720);
        assertThat(l.fields()).containsExactly("nombre", "riesgo", "st_length(shape)", "codigo_linea", "activo");
        assertThat(l.crs()).isEqualTo(new SourceInfo.Crs("EPSG:4326", "EPSG:4326"));
    }

    @Test
    void aFileWithoutCrsHasNone() {
        SourceInfo info = SourceInfo.parse("""
                INFO: Open of `a.csv'
                      using driver `CSV' successful.

                Layer name: a
                Geometry: Unknown (any)
                Feature Count: 1
                Layer SRS WKT:
                (unknown)
                id: String (0.0)
                name: String (0.0)
                """);
        assertThat(info.layers().get(0).crs()).isNull();
        assertThat(info.layers().get(0).fields()).containsExactly("id", "name");
    }

    @Test
    void aCrsWithoutEpsgCodeIsPassedAsWkt() {
        String wkt = """
                PROJCRS["MAGNA-SIRGAS / Medellin urban grid",
                    BASEGEOGCRS["MAGNA-SIRGAS",
                        DATUM["Marco Geocentrico Nacional de Referencia",
                            ELLIPSOID["GRS 1980",6378137,298.257222101]]],
                    CONVERSION["unnamed", METHOD["Transverse Mercator"]],
                    CS[Cartesian,2]]""";
        SourceInfo.Crs crs = SourceInfo.Crs.fromWkt(wkt);
        assertThat(crs.proj()).isEqualTo(wkt);
        assertThat(crs.label()).isEqualTo("MAGNA-SIRGAS / Medellin urban grid");
        assertThat(SourceInfo.Crs.fromWkt("PROJCS[\"x\",GEOGCS[\"y\",AUTHORITY[\"EPSG\",\"4686\"]],AUTHORITY[\"EPSG\",\"3116\"]]").proj())
                .isEqualTo("EPSG:3116");
    }

    @Test
    void aGeoPackageListsEveryLayer() {
        SourceInfo info = SourceInfo.parse("""
                INFO: Open of `g.gpkg'
                      using driver `GPKG' successful.

                Layer name: comunas
                Geometry: Multi Polygon
                Feature Count: 21
                Layer SRS WKT:
                PROJCRS["MAGNA-SIRGAS / Origen-Nacional",
                    ID["EPSG",9377]]
                Data axis to CRS axis mapping: 1,2
                FID Column = fid
                Geometry Column = geom
                codigo: String (0.0)

                Layer name: barrios
                Geometry: Multi Polygon
                Feature Count: 0
                Layer SRS WKT:
                (unknown)
                FID Column = fid
                Geometry Column = geom
                cod: String (4.0) NOT NULL
                """);
        assertThat(info.layers()).extracting(SourceInfo.LayerInfo::name).containsExactly("comunas", "barrios");
        assertThat(info.layer("comunas").orElseThrow().crs().proj()).isEqualTo("EPSG:9377");
        assertThat(info.layer("barrios").orElseThrow().crs()).isNull();
        assertThat(info.layer("barrios").orElseThrow().fields()).containsExactly("cod");
    }

    @Test
    void aCrsTheUserNamesIsNormalised() {
        assertThat(SourceInfo.Crs.named("3116").proj()).isEqualTo("EPSG:3116");
        assertThat(SourceInfo.Crs.named(" epsg:9377 ").proj()).isEqualTo("EPSG:9377");
        assertThat(SourceInfo.Crs.named("+proj=longlat +datum=WGS84").proj()).isEqualTo("+proj=longlat +datum=WGS84");
    }
}
