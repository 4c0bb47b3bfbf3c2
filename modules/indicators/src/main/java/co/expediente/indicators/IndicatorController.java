package co.expediente.indicators;

import co.expediente.territory.Level;
import co.expediente.territory.UnknownLevelException;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The indicators' sheets and values as JSON. */
@RestController
@RequestMapping("/api/indicators")
class IndicatorController {

    private final IndicatorCatalogue catalogue;
    private final IndicatorValueRepository values;

    IndicatorController(IndicatorCatalogue catalogue, IndicatorValueRepository values) {
        this.catalogue = catalogue;
        this.values = values;
    }

    record IndicatorSummary(String code, Map<String, String> name, String system, String unit, List<Integer> years) {}

    record Sheet(IndicatorDefinition definition, List<Integer> years) {}

    record Values(String indicator, String name, String unit, String level, int year, List<Integer> years,
                  List<IndicatorValue> values) {}

    @GetMapping
    List<IndicatorSummary> list() {
        return catalogue.all().stream()
                .map(d -> new IndicatorSummary(d.code(), d.name(), d.system(), d.unit(), values.years(d.code())))
                .toList();
    }

    @GetMapping("/{code}")
    Sheet sheet(@PathVariable String code) {
        IndicatorDefinition d = catalogue.get(code);
        return new Sheet(d, values.years(code));
    }

    /** Values at a level for a year; without {@code year}, the latest computed year. */
    @GetMapping("/{code}/values")
    Values values(@PathVariable String code,
                  @RequestParam(defaultValue = "barrio") String level,
                  @RequestParam(required = false) Integer year) {
        IndicatorDefinition d = catalogue.get(code);
        Level parsed = Level.parse(level).orElseThrow(() -> new UnknownLevelException(level));
        List<Integer> years = values.years(code);
        int wanted = year != null ? year : years.isEmpty() ? 0 : years.get(years.size() - 1);
        if (!years.contains(wanted)) {
            throw new YearNotComputedException(code, year, years);
        }
        return new Values(code, d.name("es"), d.unit(), parsed.code(), wanted, years, values.values(code, parsed, wanted));
    }
}
