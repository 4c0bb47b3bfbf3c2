package co.expediente.territory.demo;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A line of axis-aligned segments in EPSG:9377 metres: the length of its part inside a rectangle is
 * exact. A segment must not run along a rectangle's edge (the demo never does), where "inside"
 * would be ambiguous.
 */
public record Polyline(List<Point> points) {

    public Polyline {
        points = List.copyOf(points);
        if (points.size() < 2) {
            throw new IllegalArgumentException("a line needs two points");
        }
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            if (a.x() != b.x() && a.y() != b.y()) {
                throw new IllegalArgumentException("segment " + a + " - " + b + " is not axis-aligned");
            }
        }
    }

    public static Polyline of(Point... points) {
        return new Polyline(List.of(points));
    }

    public double length() {
        double sum = 0;
        for (int i = 1; i < points.size(); i++) {
            sum += points.get(i - 1).distanceTo(points.get(i));
        }
        return sum;
    }

    /** Length, in metres, of the part of the line inside a rectangle. */
    public double lengthInside(Rect r) {
        double sum = 0;
        for (int i = 1; i < points.size(); i++) {
            Point a = points.get(i - 1);
            Point b = points.get(i);
            if (a.y() == b.y()) {
                if (a.y() == r.minY() || a.y() == r.maxY()) {
                    throw new IllegalArgumentException("segment runs along an edge of " + r);
                }
                if (a.y() > r.minY() && a.y() < r.maxY()) {
                    sum += overlap(Math.min(a.x(), b.x()), Math.max(a.x(), b.x()), r.minX(), r.maxX());
                }
            } else {
                if (a.x() == r.minX() || a.x() == r.maxX()) {
                    throw new IllegalArgumentException("segment runs along an edge of " + r);
                }
                if (a.x() > r.minX() && a.x() < r.maxX()) {
                    sum += overlap(Math.min(a.y(), b.y()), Math.max(a.y(), b.y()), r.minY(), r.maxY());
                }
            }
        }
        return sum;
    }

    private static double overlap(double a0, double a1, double b0, double b1) {
        return Math.max(0, Math.min(a1, b1) - Math.max(a0, b0));
    }

    public String toWkt() {
        return points.stream().map(p -> String.format(Locale.ROOT, "%.3f %.3f", p.x(), p.y()))
                .collect(Collectors.joining(",", "MULTILINESTRING((", "))"));
    }
}
