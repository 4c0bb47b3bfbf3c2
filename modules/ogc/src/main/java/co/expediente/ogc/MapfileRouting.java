package co.expediente.ogc;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Chooses the mapfile a request needs. MapServer 8 parses the whole mapfile on every request; with
 * every indicator × level × year the full file is large (hundreds of layers), so a request whose
 * layers all belong to one indicator is sent to that indicator's own mapfile (MAPS alias = the
 * code in capitals). Everything else (capabilities, several indicators) reads the full mapfile.
 */
@Component
public class MapfileRouting {

    static final String FULL = "EXPEDIENTE";
    private static final List<String> LAYER_PARAMETERS =
            List.of("layers", "query_layers", "layer", "typename", "typenames");

    private final List<String> codesLongestFirst;
    private final java.util.function.Predicate<String> published;

    @org.springframework.beans.factory.annotation.Autowired
    public MapfileRouting(IndicatorCatalogue catalogue, MapServerProperties props) {
        this(catalogue, code -> java.nio.file.Files.exists(props.mapfile(code)));
    }

    MapfileRouting(IndicatorCatalogue catalogue, java.util.function.Predicate<String> published) {
        this.published = published;
        this.codesLongestFirst = catalogue.all().stream().map(IndicatorDefinition::code)
                .sorted(Comparator.comparingInt(String::length).reversed()).toList();
    }

    /** Alias of an indicator's mapfile in MapServer's MAPS block. */
    public static String alias(String code) {
        return code.toUpperCase(Locale.ROOT);
    }

    /** The MAPS alias for a query string (already stripped of any client {@code map}). */
    String aliasFor(String query) {
        Set<String> indicators = new HashSet<>();
        boolean namesLayers = false;
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                String key = URLDecoder.decode(kv[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                if (kv.length < 2 || !LAYER_PARAMETERS.contains(key)) {
                    continue;
                }
                for (String layer : URLDecoder.decode(kv[1], StandardCharsets.UTF_8).split(",")) {
                    namesLayers = true;
                    String name = layer.contains(":") ? layer.substring(layer.indexOf(':') + 1) : layer;
                    Optional<String> code = indicatorOf(name.trim());
                    if (code.isEmpty()) {
                        return FULL;
                    }
                    indicators.add(code.get());
                }
            }
        }
        if (namesLayers && indicators.size() == 1 && published.test(indicators.iterator().next())) {
            return alias(indicators.iterator().next());
        }
        return FULL;
    }

    private Optional<String> indicatorOf(String layer) {
        return codesLongestFirst.stream().filter(c -> layer.startsWith(c + "_")).findFirst();
    }
}
