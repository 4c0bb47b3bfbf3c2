package co.expediente.territory.demo;

import java.util.Locale;

/** An axis-aligned rectangle in EPSG:9377 metres: the shapes of the demo, whose areas are exact. */
public record Rect(double minX, double minY, double maxX, double maxY) {

    public Rect {
        if (!(maxX > minX && maxY > minY)) {
            throw new IllegalArgumentException("empty rectangle");
        }
    }

    public double area() {
        return (maxX - minX) * (maxY - minY);
    }

    /** Area shared with another rectangle (0 when they do not overlap). */
    public double overlap(Rect other) {
        double w = Math.min(maxX, other.maxX) - Math.max(minX, other.minX);
        double h = Math.min(maxY, other.maxY) - Math.max(minY, other.minY);
        return w > 0 && h > 0 ? w * h : 0;
    }

    public double centerX() {
        return (minX + maxX) / 2;
    }

    public double centerY() {
        return (minY + maxY) / 2;
    }

    public String toWkt() {
        return String.format(Locale.ROOT,
                "MULTIPOLYGON(((%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f,%.3f %.3f)))",
                minX, minY, maxX, minY, maxX, maxY, minX, maxY, minX, minY);
    }
}
