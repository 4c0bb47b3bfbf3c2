package co.expediente.ogc;

import co.expediente.indicators.IndicatorDefinition;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * MapServer templates for GetFeatureInfo in HTML: a small Spanish page with one table per layer
 * and one row per territorial unit, readable by a person (and by a screen reader: real table
 * headers). MapServer requires the magic first line in every template file.
 */
final class FeatureInfoTemplates {

    private static final String MAGIC = "<!-- MapServer Template -->\n";

    private FeatureInfoTemplates() {}

    /** File name → content, for the given indicators. */
    static Map<String, String> files(Collection<IndicatorDefinition> indicators) {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("document_header.html", MAGIC + """
                <!DOCTYPE html>
                <html lang="es"><head><meta charset="utf-8"><title>Consulta de indicadores</title>
                <style>body{font-family:sans-serif;font-size:14px}table{border-collapse:collapse;margin:0 0 1em}
                th,td{border:1px solid #bbb;padding:3px 6px;text-align:left}caption{font-weight:bold;text-align:left}</style>
                </head><body>
                """);
        files.put("document_footer.html", MAGIC + "</body></html>\n");
        files.put("footer.html", MAGIC + "</tbody></table>\n");
        for (IndicatorDefinition d : indicators) {
            files.put(d.code() + "_header.html", MAGIC + """
                    <table><caption>%s (%s)</caption>
                    <thead><tr><th scope="col">Unidad</th><th scope="col">Año</th><th scope="col">Valor</th>
                    <th scope="col">Numerador</th><th scope="col">Denominador</th><th scope="col">Meta</th>
                    <th scope="col">Estado</th><th scope="col">Sin dato</th></tr></thead><tbody>
                    """.formatted(html(d.name("es")), html(d.unit())));
            files.put(d.code() + ".html", MAGIC + """
                    <tr><th scope="row">[nombre] ([codigo])</th><td>[anio]</td><td>[item name="valor" precision="2"]</td>
                    <td>[item name="numerador" precision="2"]</td><td>[item name="denominador" precision="2"]</td>
                    <td>[meta]</td><td>[estado]</td><td>[sin_dato]</td></tr>
                    """);
        }
        return files;
    }

    static String html(String s) {
        return s == null ? "" : s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
