package co.expediente.indicators;

import co.expediente.territory.Level;
import co.expediente.territory.UnknownLevelException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The indicators' sheets, values, series, lineage and exports. */
@RestController
@RequestMapping("/api/indicators")
class IndicatorController {

    private static final MediaType CSV = MediaType.parseMediaType("text/csv;charset=UTF-8");
    private static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");

    private final IndicatorCatalogue catalogue;
    private final IndicatorValueRepository values;

    IndicatorController(IndicatorCatalogue catalogue, IndicatorValueRepository values) {
        this.catalogue = catalogue;
        this.values = values;
    }

    record IndicatorSummary(String code, Map<String, String> name, String system, String unit, String direction,
                            List<Integer> years) {}

    record Sheet(IndicatorDefinition definition, List<Integer> years) {}

    record Values(String indicator, String name, String unit, String level, int year, List<Integer> years,
                  List<IndicatorValue> values) {}

    record Series(String indicator, String unit, String unitCode, List<IndicatorValue> values) {}

    @GetMapping
    List<IndicatorSummary> list() {
        return catalogue.all().stream()
                .map(d -> new IndicatorSummary(d.code(), d.name(), d.system(), d.unit(), d.direction(), values.years(d.code())))
                .toList();
    }

    @GetMapping("/{code}")
    Sheet sheet(@PathVariable String code) {
        IndicatorDefinition d = catalogue.get(code);
        return new Sheet(d, values.years(code));
    }

    /** Values at a level for a year; without {@code year}, the latest computed year. */
    @GetMapping("/{code}/values")
    Values values(@PathVariable String code, @RequestParam(defaultValue = "barrio") String level,
                  @RequestParam(required = false) Integer year) {
        IndicatorDefinition d = catalogue.get(code);
        Level parsed = level(level);
        int wanted = year(code, year);
        return new Values(code, d.name("es"), d.unit(), parsed.code(), wanted, values.years(code),
                values.values(code, parsed, wanted));
    }

    /** The same values as CSV (UTF-8, comma separated, a header row), for spreadsheets. */
    @GetMapping("/{code}/values.csv")
    ResponseEntity<String> valuesCsv(@PathVariable String code, @RequestParam(defaultValue = "barrio") String level,
                                     @RequestParam(required = false) Integer year) {
        Selection sel = select(code, level, year);
        String header = "codigo,nombre,tipo,codigo_padre,anio,valor,numerador,denominador,sin_dato,linea_base,meta,avance,estado";
        String body = values.values(code, sel.level(), sel.year()).stream()
                .map(v -> Stream.of(v.unitCode(), v.unitName(), v.unitKind(), v.parentCode(), v.year(), v.value(),
                                v.numerator(), v.denominator(), v.ndReason(), v.baseline(), v.target(), v.progress(),
                                v.progressStatus())
                        .map(IndicatorController::csvField).collect(Collectors.joining(",")))
                .collect(Collectors.joining("\r\n", header + "\r\n", "\r\n"));
        return ResponseEntity.ok().contentType(CSV).header(HttpHeaders.CONTENT_DISPOSITION, sel.attachment("csv")).body(body);
    }

    /** The values with the units' geometry (EPSG:4326) as GeoJSON. */
    @GetMapping("/{code}/values.geojson")
    ResponseEntity<String> valuesGeoJson(@PathVariable String code, @RequestParam(defaultValue = "barrio") String level,
                                         @RequestParam(required = false) Integer year) {
        Selection sel = select(code, level, year);
        return ResponseEntity.ok().contentType(GEOJSON).header(HttpHeaders.CONTENT_DISPOSITION, sel.attachment("geojson"))
                .body(values.valuesAsGeoJson(code, sel.level(), sel.year()));
    }

    /** One unit's values over the years. */
    @GetMapping("/{code}/series")
    Series series(@PathVariable String code, @RequestParam String unit) {
        IndicatorDefinition d = catalogue.get(code);
        if (!values.unitExists(unit)) {
            throw new UnknownUnitException(unit);
        }
        return new Series(code, d.unit(), unit, values.series(code, unit));
    }

    /** What the values of a year were computed from. */
    @GetMapping("/{code}/lineage")
    IndicatorValueRepository.Lineage lineage(@PathVariable String code, @RequestParam(required = false) Integer year) {
        catalogue.get(code);
        int wanted = year(code, year);
        return values.lineage(code, wanted).orElseThrow(() -> new YearNotComputedException(code, wanted, values.years(code)));
    }

    /** A checked (indicator, level, year) of an export. */
    private record Selection(String code, Level level, int year) {
        String attachment(String extension) {
            return "attachment; filename=\"" + code + "_" + level.code() + "_" + year + "." + extension + "\"";
        }
    }

    private Selection select(String code, String level, Integer year) {
        catalogue.get(code);
        return new Selection(code, level(level), year(code, year));
    }

    private static Level level(String level) {
        return Level.parse(level).orElseThrow(() -> new UnknownLevelException(level));
    }

    private int year(String code, Integer year) {
        List<Integer> years = values.years(code);
        int wanted = year != null ? year : years.isEmpty() ? 0 : years.get(years.size() - 1);
        if (!years.contains(wanted)) {
            throw new YearNotComputedException(code, year, years);
        }
        return wanted;
    }

    private static String csvField(Object o) {
        if (o == null) {
            return "";
        }
        String s = String.valueOf(o);
        // a leading =, +, - or @ would be a formula in a spreadsheet
        if (o instanceof String && !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0) {
            s = "'" + s;
        }
        return s.matches(".*[\",\\r\\n].*") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
