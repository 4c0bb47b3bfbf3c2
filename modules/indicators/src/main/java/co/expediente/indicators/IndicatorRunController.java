package co.expediente.indicators;

import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Triggers an indicator run and reads past runs. Writing is guarded by the API token (see the
 * application's token filter); reading is public.
 */
@RestController
@RequestMapping("/api/indicator-runs")
public class IndicatorRunController {

    private static final String RUN = """
            SELECT id, started_at, finished_at, status, indicators, years, units, values_written, requested_by
            FROM indicators.run WHERE id = :id
            """;
    private static final String UNKNOWN_UNITS =
            "SELECT coalesce(array_agg(c), '{}') FROM unnest(CAST(:units AS text[])) c WHERE c NOT IN (SELECT code FROM territory.unit)";

    private final IndicatorEngine engine;
    private final IndicatorCatalogue catalogue;
    private final JdbcClient jdbc;

    IndicatorRunController(IndicatorEngine engine, IndicatorCatalogue catalogue, JdbcClient jdbc) {
        this.engine = engine;
        this.catalogue = catalogue;
        this.jdbc = jdbc;
    }

    /** What to compute; every list may be empty or absent, meaning "all". */
    record RunBody(List<String> indicators, List<Integer> years, List<String> units) {}

    @PostMapping
    ResponseEntity<IndicatorEngine.RunReport> run(@RequestBody(required = false) RunBody body) {
        RunBody b = body == null ? new RunBody(null, null, null) : body;
        List<String> indicators = b.indicators() == null ? List.of() : b.indicators();
        List<Integer> years = b.years() == null ? List.of() : b.years();
        List<String> units = b.units() == null ? List.of() : b.units();
        for (String code : indicators) {
            if (catalogue.find(code).isEmpty()) {
                throw new InvalidRunException("Indicador desconocido: '" + code + "'.");
            }
        }
        for (int year : years) {
            if (year < 1900 || year > 2200) {
                throw new InvalidRunException("Año fuera de rango: " + year + ".");
            }
        }
        if (!units.isEmpty()) {
            String[] unknown = jdbc.sql(UNKNOWN_UNITS).param("units", units.toArray(String[]::new))
                    .query((rs, i) -> (String[]) rs.getArray(1).getArray()).single();
            if (unknown.length > 0) {
                throw new InvalidRunException("Unidades desconocidas: " + String.join(", ", unknown) + ".");
            }
        }
        IndicatorEngine.RunReport report = engine.run(new IndicatorEngine.RunRequest(indicators, years, units, "api"));
        return ResponseEntity.status(HttpStatus.CREATED).body(report);
    }

    @GetMapping("/{id}")
    Map<String, Object> get(@PathVariable long id) {
        return jdbc.sql(RUN).param("id", id).query((rs, i) -> Map.<String, Object>of(
                        "id", rs.getLong("id"),
                        "startedAt", rs.getTimestamp("started_at").toInstant().toString(),
                        "finishedAt", rs.getTimestamp("finished_at") == null ? "" : rs.getTimestamp("finished_at").toInstant().toString(),
                        "status", rs.getString("status"),
                        "indicators", List.of((String[]) rs.getArray("indicators").getArray()),
                        "years", List.of((Integer[]) rs.getArray("years").getArray()),
                        "valuesWritten", rs.getInt("values_written"),
                        "requestedBy", String.valueOf(rs.getString("requested_by"))))
                .optional().orElseThrow(() -> new RunNotFoundException(id));
    }

    /** A run request naming unknown indicators, units or impossible years (HTTP 400). */
    public static class InvalidRunException extends IllegalArgumentException {
        InvalidRunException(String message) {
            super(message);
        }
    }

    /** No run with that id (HTTP 404). */
    public static class RunNotFoundException extends RuntimeException {
        RunNotFoundException(long id) {
            super("No existe la corrida " + id + ".");
        }
    }
}
