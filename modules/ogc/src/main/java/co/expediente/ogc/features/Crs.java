package co.expediente.ogc.features;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The CRSs offered by OGC API Features, with the axis order their EPSG definitions say:
 * EPSG:4326, 3116 and 9377 are (northing/latitude, easting/longitude), so coordinates are flipped;
 * CRS84 and EPSG:3857 are (x, y). The SQL expressions are fixed text, never built from input.
 */
enum Crs {
    CRS84("http://www.opengis.net/def/crs/OGC/1.3/CRS84", 4326, false, 7),
    EPSG_4326("http://www.opengis.net/def/crs/EPSG/0/4326", 4326, true, 7),
    EPSG_3857("http://www.opengis.net/def/crs/EPSG/0/3857", 3857, false, 2),
    EPSG_3116("http://www.opengis.net/def/crs/EPSG/0/3116", 3116, true, 2),
    EPSG_9377("http://www.opengis.net/def/crs/EPSG/0/9377", 9377, true, 2);

    final String uri;
    final int srid;
    final boolean flipped;
    final int digits;

    Crs(String uri, int srid, boolean flipped, int digits) {
        this.uri = uri;
        this.srid = srid;
        this.flipped = flipped;
        this.digits = digits;
    }

    static Optional<Crs> parse(String uri) {
        return Arrays.stream(values()).filter(c -> c.uri.equals(uri)).findFirst();
    }

    static List<String> uris() {
        return Arrays.stream(values()).map(c -> c.uri).toList();
    }

    /** SQL turning {@code u.geom} (EPSG:9377, x/y) into this CRS in its axis order. */
    String geometrySql(String column) {
        String transformed = srid == 9377 ? column : "ST_Transform(" + column + ", " + srid + ")";
        return flipped ? "ST_FlipCoordinates(" + transformed + ")" : transformed;
    }
}
