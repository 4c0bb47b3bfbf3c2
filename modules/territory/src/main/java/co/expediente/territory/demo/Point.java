package co.expediente.territory.demo;

import java.util.Locale;

/** A point in EPSG:9377 metres. */
public record Point(double x, double y) {

    /** Straight-line (Euclidean) distance in metres. */
    public double distanceTo(Point other) {
        return Math.hypot(x - other.x, y - other.y);
    }

    public String toWkt() {
        return String.format(Locale.ROOT, "POINT(%.3f %.3f)", x, y);
    }
}
