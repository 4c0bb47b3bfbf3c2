package co.expediente.indicators;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

/** The indicator sheets shipped under {@code classpath:indicators/*.yaml}, validated when loaded. */
@Component
public class IndicatorCatalogue {

    static final String LOCATION = "classpath*:indicators/*.yaml";
    private static final Pattern CODE = Pattern.compile("[a-z][a-z0-9_]{2,40}");
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final List<String> DIRECTIONS = List.of("increase", "decrease");
    private static final List<String> AGGREGATIONS = List.of(IndicatorDefinition.RATIO, IndicatorDefinition.SUM);
    private static final Pattern LAYER = Pattern.compile("[a-z_]+");

    private final Map<String, IndicatorDefinition> byCode;

    public IndicatorCatalogue() {
        this(loadAll());
    }

    IndicatorCatalogue(List<IndicatorDefinition> definitions) {
        Map<String, IndicatorDefinition> map = new LinkedHashMap<>();
        for (IndicatorDefinition d : definitions) {
            validate(d);
            if (map.put(d.code(), d) != null) {
                throw new InvalidDefinitionException(d.code(), "code used by two definitions");
            }
        }
        this.byCode = Map.copyOf(map);
    }

    public Collection<IndicatorDefinition> all() {
        return byCode.values().stream().sorted((a, b) -> a.code().compareTo(b.code())).toList();
    }

    public Optional<IndicatorDefinition> find(String code) {
        return Optional.ofNullable(code).map(byCode::get);
    }

    public IndicatorDefinition get(String code) {
        return find(code).orElseThrow(() -> new UnknownIndicatorException(code));
    }

    static List<IndicatorDefinition> loadAll() {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES);
        List<IndicatorDefinition> definitions = new ArrayList<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources(LOCATION)) {
                try (InputStream in = r.getInputStream()) {
                    definitions.add(yaml.readValue(in, IndicatorDefinition.class));
                } catch (IOException e) {
                    throw new InvalidDefinitionException(r.getFilename(), e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + LOCATION, e);
        }
        return definitions;
    }

    static void validate(IndicatorDefinition d) {
        String code = d.code();
        require(code != null && CODE.matcher(code).matches(), code, "code must match " + CODE);
        require(d.version() >= 1, code, "version must be 1 or more");
        require(d.name() != null && d.name().containsKey("es"), code, "name.es is required");
        require(d.unit() != null, code, "unit is required");
        require(d.factor() > 0, code, "factor must be positive");
        require(DIRECTIONS.contains(d.direction()), code, "direction must be one of " + DIRECTIONS);
        require(AGGREGATIONS.contains(d.aggregationOrDefault()), code, "aggregation must be one of " + AGGREGATIONS);
        boolean ratio = d.aggregationOrDefault().equals(IndicatorDefinition.RATIO);
        require(!ratio || d.denominator() != null, code, "a ratio indicator needs denominator.sql");
        for (IndicatorDefinition.Term t : new IndicatorDefinition.Term[] {d.numerator(), d.denominator()}) {
            if (t == null && t != d.numerator()) {
                continue;
            }
            require(t != null && t.sql() != null && !t.sql().isBlank(), code, "numerator.sql (and denominator.sql) are required");
            require(t.sql().contains(":year"), code, "term SQL must bind :year");
            require(!t.sql().contains(";"), code, "term SQL must be a single query without ';'");
        }
        for (String layer : d.layersOrEmpty()) {
            require(LAYER.matcher(layer).matches(), code, "layer name '" + layer + "' must be a table of schema layers");
        }
        require(d.changes() != null && d.changes().stream().anyMatch(c -> c.version() == d.version()),
                code, "changes must record who changed the sheet to version " + d.version() + ", when and why");
        IndicatorDefinition.Classes c = d.classes();
        require(c != null && c.breaks() != null && c.colors() != null, code, "classes.breaks and classes.colors are required");
        require(c.colors().size() == c.breaks().size() + 1, code, "classes.colors needs one colour more than breaks");
        for (int i = 1; i < c.breaks().size(); i++) {
            require(c.breaks().get(i) > c.breaks().get(i - 1), code, "class breaks must increase");
        }
        for (String colour : c.colors()) {
            require(COLOR.matcher(colour).matches(), code, "colour " + colour + " is not #rrggbb");
        }
        require(c.noDataColor() != null && COLOR.matcher(c.noDataColor()).matches(), code, "classes.noDataColor is #rrggbb");
    }

    private static void require(boolean condition, String code, String message) {
        if (!condition) {
            throw new InvalidDefinitionException(code, message);
        }
    }

    /** A sheet that cannot be used; the application refuses to start with one. */
    public static class InvalidDefinitionException extends IllegalStateException {
        InvalidDefinitionException(String code, String message) {
            super("Invalid indicator definition '" + code + "': " + message);
        }
    }
}
