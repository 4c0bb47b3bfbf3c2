package co.expediente.bench;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import co.expediente.indicators.IndicatorEngine;
import co.expediente.indicators.IndicatorEngine.RunReport;
import co.expediente.indicators.IndicatorEngine.RunRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Times the indicator engine as the application runs it ({@link IndicatorEngine#run(RunRequest)}: evaluate
 * read-only, store with lineage and progress, one transaction each) and sets each indicator beside:
 * <ul>
 *   <li>its <b>reference</b>: one hand-written statement computing the same numbers for every unit —
 *       the barrio figures from {@code bench/sql/reference/<code>.sql} (columns {@code unit_id, n, d}, bind
 *       parameter {@code :year}), written independently of the sheet, summed to comunas and the municipio by
 *       {@link #REFERENCE} with the engine's rules (no value above a barrio without denominator); the stored
 *       values are checked against it;</li>
 *   <li>its <b>sheet SQL</b>: the numerator and denominator SQL of the YAML sheet alone, to show how much of
 *       the engine's time is the sheet's own spatial work and how much is the engine around it.</li>
 * </ul>
 * Writes {@code engine.tsv} (section, item, n, p50, p90, min, max in ms, note) and the EXPLAIN ANALYZE of the
 * slowest indicator's sheet SQL.
 */
@Component
class EngineBench {

    private static final Logger log = LoggerFactory.getLogger(EngineBench.class);
    private static final String STORED =
            "SELECT unit_id, numerator, denominator, value FROM indicators.indicator_value WHERE indicator_code = :code AND year = :year";
    private static final String UNITS = "SELECT count(*) FROM territory.unit";

    /**
     * The references' roll-up, written by hand for the three-tier hierarchy (barrio, comuna, municipio);
     * %s: a reference file's barrio query. Ratios sum numerators and denominators; a unit with a barrio
     * lacking its denominator has no denominator, and no value unless it is a sum without denominator.
     */
    static final String REFERENCE = """
            WITH barrio AS (%s),
            b AS (
                SELECT u.id, u.parent_id, coalesce(x.n, 0) AS n, x.d
                FROM territory.unit u
                LEFT JOIN (SELECT unit_id, sum(n) AS n, sum(d) AS d FROM barrio GROUP BY unit_id) x ON x.unit_id = u.id
                WHERE u.level = 'barrio'),
            c AS (SELECT b.parent_id AS id, sum(b.n) AS n, sum(b.d) AS d, count(*) FILTER (WHERE b.d IS NULL) AS missing
                  FROM b GROUP BY b.parent_id),
            m AS (SELECT k.parent_id AS id, sum(b.n) AS n, sum(b.d) AS d, count(*) FILTER (WHERE b.d IS NULL) AS missing
                  FROM b JOIN territory.unit k ON k.id = b.parent_id GROUP BY k.parent_id),
            all_units AS (
                SELECT id, n, d, CASE WHEN d IS NULL THEN 1 ELSE 0 END AS missing FROM b
                UNION ALL SELECT id, n, d, missing FROM c
                UNION ALL SELECT id, n, d, missing FROM m)
            SELECT id AS unit_id, n AS numerator, CASE WHEN missing = 0 THEN d END AS denominator,
                   CASE WHEN :ratio THEN CASE WHEN missing = 0 AND d > 0 THEN CAST(:factor AS double precision) * n / d END
                        WHEN NOT :hasDenominator OR missing = 0 THEN CAST(:factor AS double precision) * n END AS value
            FROM all_units
            """;

    /**
     * Repetitions are capped by a time budget (seconds for the whole engine section): the one-year battery
     * takes up to 30 %, the per-indicator passes up to 45 % (the sheets' own SQL is timed in the second pass,
     * if there is one), and the ten-year battery runs only if ten one-year batteries fit in what is left,
     * unless {@code full}. Every section that runs, runs at least once.
     */
    record Options(int year, List<Integer> years, int repsYear, int repsAll, int repsIndicator, Path references, Path out,
                   double budgetSeconds, boolean full) {
        static Options parse(String[] args) {
            Map<String, String> a = new HashMap<>();
            for (int i = 0; i + 1 < args.length; i += 2) {
                if (!args[i].startsWith("--")) {
                    throw new IllegalArgumentException("expected --option value, got " + args[i]);
                }
                a.put(args[i].substring(2), args[i + 1]);
            }
            String[] range = a.getOrDefault("years", "2016-2025").split("-");
            List<Integer> years = IntStream.rangeClosed(Integer.parseInt(range[0]), Integer.parseInt(range[range.length - 1]))
                    .boxed().toList();
            return new Options(Integer.parseInt(a.getOrDefault("year", String.valueOf(years.get(years.size() - 1)))), years,
                    Integer.parseInt(a.getOrDefault("reps-year", "3")), Integer.parseInt(a.getOrDefault("reps-all", "2")),
                    Integer.parseInt(a.getOrDefault("reps-indicator", "3")),
                    BenchApplication.path(a.getOrDefault("references", "bench/sql/reference")),
                    BenchApplication.path(a.getOrDefault("out", ".")),
                    Double.parseDouble(a.getOrDefault("budget-s", "1e9")), Boolean.parseBoolean(a.getOrDefault("full", "false")));
        }
    }

    private final IndicatorEngine engine;
    private final IndicatorCatalogue catalogue;
    private final NamedParameterJdbcTemplate jdbc;

    EngineBench(IndicatorEngine engine, IndicatorCatalogue catalogue, NamedParameterJdbcTemplate jdbc) {
        this.engine = engine;
        this.catalogue = catalogue;
        this.jdbc = jdbc;
    }

    void run(Options o) throws IOException {
        Files.createDirectories(o.out());
        long deadline = System.nanoTime() + (long) (o.budgetSeconds() * 1e9);
        List<IndicatorDefinition> sheets = List.copyOf(catalogue.all());
        long units = jdbc.getJdbcTemplate().queryForObject(UNITS, Long.class);
        List<String> rows = new ArrayList<>();
        RunRequest oneYear = new RunRequest(List.of(), List.of(o.year()), List.of(), "bench");

        // 1. the battery for one year; a first run under 5 s is a warm-up, a longer one counts
        log.info("Engine: battery, {} indicators for {}", sheets.size(), o.year());
        Timed<RunReport> first = timed(() -> engine.run(oneYear));
        List<Double> battery = new ArrayList<>();
        if (first.ms() >= 5000) {
            battery.add(first.ms());
        }
        long sectionStart = System.nanoTime();
        while (battery.size() < o.repsYear() && (battery.isEmpty()
                || since(sectionStart) + battery.get(battery.size() - 1) / 1000 <= 0.3 * o.budgetSeconds())) {
            battery.add(timed(() -> engine.run(oneYear)).ms());
        }
        Stats one = Stats.of(battery);
        rows.add(row("engine", "battery, 1 year (" + o.year() + ")", one,
                String.format(Locale.ROOT, "%d indicators x %d units = %d values (%d no data)%s", sheets.size(), units,
                        first.value().valuesWritten(), first.value().noDataValues(),
                        first.ms() < 5000 ? String.format(Locale.ROOT, "; warm-up run %.0f ms not counted", first.ms()) : "")));
        log.info("Engine: battery for one year, median {} ms", Math.round(one.p50()));

        // 2. each indicator alone (engine run for one indicator-year) against its reference, in passes over
        //    all indicators while the section's share of the budget lasts
        Map<String, List<Double>> eng = new java.util.LinkedHashMap<>();
        Map<String, List<Double>> ref = new HashMap<>();
        Map<String, Double> sheet = new HashMap<>();
        Map<String, Map<Long, Double[]>> expected = new HashMap<>();
        Map<String, String> references = new HashMap<>();
        for (IndicatorDefinition d : sheets) {
            Path file = o.references().resolve(d.code() + ".sql");
            if (Files.isReadable(file)) {
                references.put(d.code(),
                        REFERENCE.formatted(Files.readString(file, StandardCharsets.UTF_8).strip().replaceAll(";$", "")));
            }
            eng.put(d.code(), new ArrayList<>());
            ref.put(d.code(), new ArrayList<>());
        }
        sectionStart = System.nanoTime();
        for (int pass = 0; pass < o.repsIndicator(); pass++) {
            for (IndicatorDefinition d : sheets) {
                RunRequest request = new RunRequest(List.of(d.code()), List.of(o.year()), List.of(), "bench");
                MapSqlParameterSource year = new MapSqlParameterSource("year", o.year());
                eng.get(d.code()).add(timed(() -> engine.run(request)).ms());
                if (pass == 1) {
                    // the sheet's own SQL, once: how much of the engine's time is the sheet's spatial work
                    sheet.put(d.code(), timed(() -> {
                        drain(d.numerator().sql(), year);
                        if (d.denominator() != null) {
                            drain(d.denominator().sql(), year);
                        }
                        return null;
                    }).ms());
                }
                String reference = references.get(d.code());
                if (reference != null) {
                    MapSqlParameterSource p = new MapSqlParameterSource("year", o.year())
                            .addValue("ratio", d.aggregationOrDefault().equals(IndicatorDefinition.RATIO))
                            .addValue("hasDenominator", d.denominator() != null)
                            .addValue("factor", d.factor());
                    Timed<Map<Long, Double[]>> r = timed(() -> values(reference, p));
                    ref.get(d.code()).add(r.ms());
                    if (pass == 0) {
                        expected.put(d.code(), r.value());
                        expected.put(d.code() + "/engine", values(STORED,
                                new MapSqlParameterSource("code", d.code()).addValue("year", o.year())));
                    }
                }
            }
            double used = since(sectionStart);
            if (used + used / (pass + 1) > 0.45 * o.budgetSeconds()) {
                break;
            }
        }
        String slowest = null;
        double slowestMs = -1;
        double sumEngine = 0;
        double sumRef = 0;
        int withRef = 0;
        for (IndicatorDefinition d : sheets) {
            Stats e = Stats.of(eng.get(d.code()));
            Stats r = Stats.of(ref.get(d.code()));
            String check = references.containsKey(d.code())
                    ? compare(expected.get(d.code()), expected.get(d.code() + "/engine")) : "no reference SQL";
            String alone = sheet.containsKey(d.code())
                    ? String.format(Locale.ROOT, "sheet's SQL alone %.1f ms", sheet.get(d.code())) : "sheet's SQL alone not timed (budget)";
            rows.add(row("indicator", d.code(), e, !references.containsKey(d.code())
                    ? alone + "; " + check
                    : String.format(Locale.ROOT, "reference %.1f ms [%.1f-%.1f] -> ratio %.2f; %s; %s",
                            r.p50(), r.min(), r.max(), e.p50() / r.p50(), alone, check)));
            log.info("Engine: {} {} ms (reference {} ms) {}", d.code(), Math.round(e.p50()),
                    references.containsKey(d.code()) ? Math.round(r.p50()) : "-", check);
            if (references.containsKey(d.code())) {
                sumEngine += e.p50();
                sumRef += r.p50();
                withRef++;
            }
            if (e.p50() > slowestMs) {
                slowestMs = e.p50();
                slowest = d.code();
            }
        }
        if (withRef > 0) {
            rows.add(String.format(Locale.ROOT, "engine\tbattery, 1 year, against the sum of the references\t%d\t%.1f\t\t\t\tms\t"
                            + "sum of the %d references %.1f ms -> ratio %.2f (sum of the indicators run alone %.1f ms)",
                    withRef, one.p50(), withRef, sumRef, one.p50() / sumRef, sumEngine));
        }
        if (slowest != null) {
            explain(catalogue.get(slowest), o);
        }

        // 3. the battery for every year, if it fits in what is left of the budget (--full: always)
        RunRequest allYears = new RunRequest(List.of(), o.years(), List.of(), "bench");
        double predicted = one.p50() * o.years().size() / 1000;
        String label = "battery, " + o.years().size() + " years (" + o.years().get(0) + "-" + o.years().get(o.years().size() - 1) + ")";
        if (predicted > seconds(deadline) && !o.full()) {
            rows.add(String.format(Locale.ROOT, "engine\t%s\t0\t\t\t\t\tms\tNOT RUN: about %.0f s (%d x the one-year battery) "
                    + "does not fit the time budget (%.0f s left); ./expediente bench --full runs it", label, predicted,
                    o.years().size(), Math.max(0, seconds(deadline))));
            log.info("Engine: battery for {} years not run (about {} s, {} s left)", o.years().size(), Math.round(predicted),
                    Math.round(seconds(deadline)));
        } else {
            List<Double> ten = new ArrayList<>();
            RunReport last = null;
            do {
                Timed<RunReport> t = timed(() -> engine.run(allYears));
                ten.add(t.ms());
                last = t.value();
            } while (ten.size() < o.repsAll() && seconds(deadline) > ten.get(0) / 1000);
            rows.add(row("engine", label, Stats.of(ten), last.valuesWritten() + " values (" + last.noDataValues() + " no data)"));
            log.info("Engine: battery for {} years, median {} ms", o.years().size(), Math.round(Stats.of(ten).p50()));
        }
        Files.write(o.out().resolve("engine.tsv"), rows, StandardCharsets.UTF_8);
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }

    private static double seconds(long deadline) {
        return (deadline - System.nanoTime()) / 1e9;
    }

    /** EXPLAIN ANALYZE of the slowest indicator's sheet SQL: where its time goes. */
    private void explain(IndicatorDefinition d, Options o) throws IOException {
        MapSqlParameterSource year = new MapSqlParameterSource("year", o.year());
        StringBuilder text = new StringBuilder("-- " + d.code() + ", year " + o.year() + ": numerator\n");
        jdbc.query("EXPLAIN (ANALYZE, BUFFERS) " + d.numerator().sql(), year,
                rs -> {
                    text.append(rs.getString(1)).append('\n');
                });
        if (d.denominator() != null) {
            text.append("\n-- denominator\n");
            jdbc.query("EXPLAIN (ANALYZE, BUFFERS) " + d.denominator().sql(), year,
                    rs -> {
                        text.append(rs.getString(1)).append('\n');
                    });
        }
        Files.writeString(o.out().resolve("explain-" + d.code() + ".txt"), text, StandardCharsets.UTF_8);
    }

    private void drain(String sql, MapSqlParameterSource params) {
        jdbc.query(sql, params, rs -> { });
    }

    /** unit_id -> {numerator, denominator, value} from a query with those four columns. */
    private Map<Long, Double[]> values(String sql, MapSqlParameterSource params) {
        Map<Long, Double[]> map = new HashMap<>();
        jdbc.query(sql, params, rs -> {
            map.put(rs.getLong("unit_id"), new Double[] {
                (Double) nullable(rs.getObject("numerator")), (Double) nullable(rs.getObject("denominator")),
                (Double) nullable(rs.getObject("value"))});
        });
        return map;
    }

    private static Object nullable(Object o) {
        return o instanceof Number n ? n.doubleValue() : null;
    }

    /** "values match (n units)" or how many units differ from the reference, with an example. */
    static String compare(Map<Long, Double[]> expected, Map<Long, Double[]> actual) {
        int differ = 0;
        String example = null;
        for (var e : expected.entrySet()) {
            Double[] a = actual.get(e.getKey());
            for (int i = 0; i < 3; i++) {
                Double x = e.getValue()[i];
                Double y = a == null ? null : a[i];
                boolean same = x == null ? y == null : y != null && Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x));
                if (!same) {
                    differ++;
                    if (example == null) {
                        example = "unit " + e.getKey() + " " + List.of("numerator", "denominator", "value").get(i)
                                + ": reference " + x + ", engine " + y;
                    }
                    break;
                }
            }
        }
        int extra = (int) actual.keySet().stream().filter(k -> !expected.containsKey(k)).count();
        if (differ == 0 && extra == 0) {
            return "values match (" + expected.size() + " units)";
        }
        return "VALUES DIFFER: " + differ + " of " + expected.size() + " units, " + extra + " extra"
                + (example == null ? "" : " (" + example + ")");
    }

    private static String row(String section, String item, Stats s, String note) {
        return section + "\t" + item + "\t" + s.tsv() + "\tms\t" + note.replace('\t', ' ');
    }

    record Timed<T>(T value, double ms) {}

    private static <T> Timed<T> timed(Supplier<T> work) {
        long t0 = System.nanoTime();
        T value = work.get();
        return new Timed<>(value, (System.nanoTime() - t0) / 1e6);
    }
}
