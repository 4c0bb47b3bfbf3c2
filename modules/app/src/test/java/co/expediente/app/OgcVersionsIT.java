package co.expediente.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.http.HttpResponse;
import java.util.Locale;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Older clients: WMS 1.1.1 (x/y axis order always) and WFS 1.1.0; GML 3.2 from WFS 2.0. */
class OgcVersionsIT extends IntegrationTest {

    @Test
    void wms111AnswersCapabilitiesAndMapsInLonLatOrder() throws Exception {
        String caps = get("/ogc/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetCapabilities").body();
        assertThat(caps).contains("WMT_MS_Capabilities", "<SRS>EPSG:4326</SRS>", "ep_efectivo_hab_barrio_2025",
                "http://localhost:" + port + "/ogc/wms?");
        double[] c = jdbc.sql("""
                SELECT ST_X(p), ST_Y(p) FROM territory.unit u
                CROSS JOIN LATERAL ST_Transform(ST_Centroid(u.geom), 4326) AS p WHERE u.code = '0304'
                """).query((rs, i) -> new double[] {rs.getDouble(1), rs.getDouble(2)}).single();
        // WMS 1.1.1: BBOX is minx (lon), miny (lat), maxx, maxy whatever the CRS
        String path = String.format(Locale.ROOT, "/ogc/wms?SERVICE=WMS&VERSION=1.1.1&REQUEST=GetMap"
                + "&LAYERS=ep_efectivo_hab_barrio_2025&STYLES=&SRS=EPSG:4326&BBOX=%.7f,%.7f,%.7f,%.7f"
                + "&WIDTH=256&HEIGHT=256&FORMAT=image/png", c[0] - 0.0009, c[1] - 0.0009, c[0] + 0.0009, c[1] + 0.0009);
        HttpResponse<byte[]> r = getBytes(path);
        BufferedImage map = ImageIO.read(new ByteArrayInputStream(r.body()));
        assertThat(String.format("#%06x", map.getRGB(128, 128) & 0xFFFFFF)).isEqualTo("#9e9e9e");
    }

    @Test
    void wfs110ServesGmlAndWfs20ServesGml32() {
        String gml3 = get("/ogc/wfs?SERVICE=WFS&VERSION=1.1.0&REQUEST=GetFeature&TYPENAME=ep_efectivo_hab_comuna_2024").body();
        assertThat(gml3).contains("wfs:FeatureCollection", "<ms:codigo>01</ms:codigo>", "<ms:valor>");
        String gml32 = get("/ogc/wfs?SERVICE=WFS&VERSION=2.0.0&REQUEST=GetFeature&TYPENAMES=ep_efectivo_hab_comuna_2024"
                + "&OUTPUTFORMAT=application/gml%2Bxml;%20version=3.2").body();
        assertThat(gml32).contains("http://www.opengis.net/gml/3.2", "numberMatched=\"3\"", "<ms:nombre>Comuna 2 - Centro</ms:nombre>");
    }
}
