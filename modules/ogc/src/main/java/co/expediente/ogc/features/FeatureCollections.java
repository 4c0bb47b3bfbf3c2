package co.expediente.ogc.features;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import co.expediente.indicators.IndicatorValueRepository;
import co.expediente.ogc.MapfileWriter;
import co.expediente.ogc.ThematicLayers;
import co.expediente.territory.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.stereotype.Component;

/** The collections offered: each indicator at each published level (all years), and the thematic layers. */
@Component
class FeatureCollections {

    static final Set<String> INDICATOR_QUERYABLES = Set.of("codigo", "tipo", "anio", "estado");
    private static final List<Level> LEVELS = List.of(Level.COMUNA, Level.BARRIO);

    enum Kind { INDICATOR, THEMATIC }

    record FeatureCollection(String id, String title, String description, Kind kind, IndicatorDefinition indicator,
                             Level level, List<Integer> years, ThematicLayers.ThematicLayer thematic,
                             Set<String> queryables) {}

    private final IndicatorCatalogue catalogue;
    private final IndicatorValueRepository values;
    private final FeaturesRepository repository;
    private final java.util.Map<String, Set<String>> thematicQueryables = new java.util.concurrent.ConcurrentHashMap<>();

    FeatureCollections(IndicatorCatalogue catalogue, IndicatorValueRepository values, FeaturesRepository repository) {
        this.catalogue = catalogue;
        this.values = values;
        this.repository = repository;
    }

    List<FeatureCollection> all() {
        List<FeatureCollection> list = new ArrayList<>();
        for (IndicatorDefinition d : catalogue.all()) {
            List<Integer> years = values.years(d.code());
            if (years.isEmpty()) {
                continue;
            }
            for (Level level : LEVELS) {
                list.add(new FeatureCollection(MapfileWriter.layerName(d.code(), level, null),
                        d.name("es") + " — " + (level == Level.BARRIO ? "barrios y veredas" : "comunas y corregimientos"),
                        d.definition() + " Fórmula: " + d.formula() + ". Unidad: " + d.unit()
                                + ". Años " + years.get(0) + "–" + years.get(years.size() - 1) + " (parámetro datetime).",
                        Kind.INDICATOR, d, level, years, null, INDICATOR_QUERYABLES));
            }
        }
        for (ThematicLayers.ThematicLayer t : ThematicLayers.ALL) {
            list.add(new FeatureCollection(t.name(), t.title(), t.description()
                    + " Cada versión con su vigencia en años (parámetro datetime).", Kind.THEMATIC, null, null, List.of(), t,
                    thematicQueryables.computeIfAbsent(t.name(), n -> repository.attributes(t))));
        }
        return list;
    }

    Optional<FeatureCollection> find(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
