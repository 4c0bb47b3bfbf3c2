package co.expediente.ogc.features;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.Iterator;


/** Plain, readable HTML of the OGC API documents (Spanish), for people who open the links in a browser. */
final class FeaturesHtml {

    private static final ObjectMapper JSON = new ObjectMapper();

    private FeaturesHtml() {}

    static String document(String title, JsonNode doc) {
        StringBuilder b = page(title);
        JsonNode links = doc.get("links");
        if (links != null) {
            b.append("<ul>");
            links.forEach(l -> b.append("<li><a href=\"").append(esc(l.get("href").asText())).append("\">")
                    .append(esc(l.get("title").asText())).append("</a> (").append(esc(l.get("rel").asText())).append(")</li>"));
            b.append("</ul>");
        }
        JsonNode cols = doc.get("collections");
        if (cols != null) {
            b.append("<table><thead><tr><th scope=\"col\">Colección</th><th scope=\"col\">Descripción</th></tr></thead><tbody>");
            cols.forEach(c -> b.append("<tr><td><a href=\"").append(esc(c.get("links").get(2).get("href").asText()))
                    .append("\">").append(esc(c.get("title").asText())).append("</a><br><code>")
                    .append(esc(c.get("id").asText())).append("</code></td><td>")
                    .append(esc(c.get("description").asText())).append("</td></tr>"));
            b.append("</tbody></table>");
        } else if (links == null || doc.size() > 1) {
            b.append("<pre>").append(esc(doc.toPrettyString())).append("</pre>");
        }
        return b.append("</body></html>").toString();
    }

    static String items(String title, FeaturesRepository.Page page, ArrayNode links) {
        StringBuilder b = page(title);
        b.append("<p>").append(page.matched()).append(" objetos; se muestran ").append(page.rows().size()).append(".</p>");
        links.forEach(l -> {
            if (l.get("rel").asText().matches("next|prev")) {
                b.append("<a href=\"").append(esc(l.get("href").asText().replace("?", "?f=html&"))).append("\">")
                        .append(esc(l.get("title").asText())).append("</a> ");
            }
        });
        b.append("<table><thead><tr><th scope=\"col\">id</th>");
        String[] columns = null;
        for (FeaturesRepository.Row row : page.rows()) {
            JsonNode props = read(row.properties());
            if (columns == null) {
                columns = new String[props.size()];
                Iterator<String> names = props.fieldNames();
                for (int i = 0; names.hasNext(); i++) {
                    columns[i] = names.next();
                    b.append("<th scope=\"col\">").append(esc(columns[i])).append("</th>");
                }
                b.append("</tr></thead><tbody>");
            }
            b.append("<tr><th scope=\"row\">").append(row.fid()).append("</th>");
            for (String col : columns) {
                JsonNode v = props.get(col);
                b.append("<td>").append(v == null || v.isNull() ? "" : esc(v.asText())).append("</td>");
            }
            b.append("</tr>");
        }
        if (columns == null) {
            b.append("</tr></thead><tbody>");
        }
        return b.append("</tbody></table></body></html>").toString();
    }

    private static StringBuilder page(String title) {
        return new StringBuilder("<!DOCTYPE html><html lang=\"es\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title><style>body{font-family:sans-serif;margin:1.5em}")
                .append("table{border-collapse:collapse}th,td{border:1px solid #ccc;padding:3px 6px;text-align:left}")
                .append("</style></head><body><h1>").append(esc(title)).append("</h1>");
    }

    private static JsonNode read(String json) {
        try {
            return JSON.readTree(json);
        } catch (Exception e) {
            return JSON.createObjectNode();
        }
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

}
