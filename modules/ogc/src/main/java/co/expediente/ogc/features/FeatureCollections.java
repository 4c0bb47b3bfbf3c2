package co.expediente.ogc.features;

import co.expediente.indicators.IndicatorCatalogue;
import co.expediente.indicators.IndicatorDefinition;
import co.expediente.indicators.IndicatorValueRepository;
import co.expediente.ogc.MapfileWriter;
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
    static final Set<String> PUBLIC_SPACE_QUERYABLES = Set.of("codigo", "tipo", "efectivo");
    private static final List<Level> LEVELS = List.of(Level.COMUNA, Level.BARRIO);

    enum Kind { INDICATOR, PUBLIC_SPACE }

    record FeatureCollection(String id, String title, String description, Kind kind, IndicatorDefinition indicator,
                             Level level, List<Integer> years) {
        Set<String> queryables() {
            return kind == Kind.INDICATOR ? INDICATOR_QUERYABLES : PUBLIC_SPACE_QUERYABLES;
        }
    }

    private final IndicatorCatalogue catalogue;
    private final IndicatorValueRepository values;

    FeatureCollections(IndicatorCatalogue catalogue, IndicatorValueRepository values) {
        this.catalogue = catalogue;
        this.values = values;
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
                        Kind.INDICATOR, d, level, years));
            }
        }
        list.add(new FeatureCollection("espacio_publico", "Espacio público",
                "Parques, plazas, plazoletas y zonas verdes, con su vigencia por años (parámetro datetime).",
                Kind.PUBLIC_SPACE, null, null, List.of()));
        return list;
    }

    Optional<FeatureCollection> find(String id) {
        return all().stream().filter(c -> c.id().equals(id)).findFirst();
    }
}
