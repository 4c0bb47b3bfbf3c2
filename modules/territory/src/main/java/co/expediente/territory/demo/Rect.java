package co.expediente.territory.demo;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

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

    /** The shared rectangle, or null when the two do not overlap with a positive area. */
    public Rect intersection(Rect other) {
        double x0 = Math.max(minX, other.minX);
        double y0 = Math.max(minY, other.minY);
        double x1 = Math.min(maxX, other.maxX);
        double y1 = Math.min(maxY, other.maxY);
        return x1 > x0 && y1 > y0 ? new Rect(x0, y0, x1, y1) : null;
    }

    /** True when the point lies strictly inside (the demo never puts a point on an edge). */
    public boolean contains(Point p) {
        if (p.x() == minX || p.x() == maxX || p.y() == minY || p.y() == maxY) {
            throw new IllegalArgumentException("point " + p + " lies on an edge of " + this + ": ambiguous");
        }
        return p.x() > minX && p.x() < maxX && p.y() > minY && p.y() < maxY;
    }

    /**
     * Area of the union of rectangles (overlaps counted once), exact: the plane is cut along every
     * rectangle edge into cells, and a cell counts when any rectangle covers it.
     */
    public static double unionArea(Collection<Rect> rects) {
        List<Rect> list = rects.stream().filter(r -> r != null).toList();
        if (list.isEmpty()) {
            return 0;
        }
        TreeSet<Double> xs = new TreeSet<>();
        TreeSet<Double> ys = new TreeSet<>();
        for (Rect r : list) {
            xs.add(r.minX);
            xs.add(r.maxX);
            ys.add(r.minY);
            ys.add(r.maxY);
        }
        List<Double> x = new ArrayList<>(xs);
        List<Double> y = new ArrayList<>(ys);
        double area = 0;
        for (int i = 0; i + 1 < x.size(); i++) {
            for (int j = 0; j + 1 < y.size(); j++) {
                double cx = (x.get(i) + x.get(i + 1)) / 2;
                double cy = (y.get(j) + y.get(j + 1)) / 2;
                boolean covered = list.stream().anyMatch(r -> cx > r.minX && cx < r.maxX && cy > r.minY && cy < r.maxY);
                if (covered) {
                    area += (x.get(i + 1) - x.get(i)) * (y.get(j + 1) - y.get(j));
                }
            }
        }
        return area;
    }

    /** Area of the union of rectangles clipped to this one. */
    public double coveredBy(Collection<Rect> rects) {
        return unionArea(rects.stream().map(this::intersection).filter(r -> r != null).toList());
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
