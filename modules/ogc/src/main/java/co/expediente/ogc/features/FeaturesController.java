package co.expediente.ogc.features;

import co.expediente.ogc.OgcPublisher;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** OGC API – Features at {@code /ogc/api}: landing page, conformance, collections, items, one item. */
@RestController
@RequestMapping("/ogc/api")
class FeaturesController {

    private static final MediaType GEOJSON = MediaType.parseMediaType("application/geo+json");
    private static final List<String> CONFORMANCE = List.of(
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson",
            "http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html",
            "http://www.opengis.net/spec/ogcapi-features-2/1.0/conf/crs");

    private final FeatureCollections collections;
    private final FeaturesRepository repository;
    private final OgcPublisher publisher;
    private final ObjectMapper json = new ObjectMapper();

    FeaturesController(FeatureCollections collections, FeaturesRepository repository, OgcPublisher publisher) {
        this.collections = collections;
        this.repository = repository;
        this.publisher = publisher;
    }

    @GetMapping({"", "/"})
    ResponseEntity<String> landing(@RequestParam Map<String, String> params, HttpServletRequest request) {
        ObjectNode doc = json.createObjectNode();
        doc.put("title", "Expediente Municipal — OGC API Features");
        doc.put("description", "Indicadores del modelo de ocupación y capas temáticas, por unidad territorial y año.");
        ArrayNode links = doc.putArray("links");
        link(links, base(), "self", "application/json", "Esta página");
        link(links, base() + "/conformance", "conformance", "application/json", "Clases de conformidad");
        link(links, base() + "/collections", "data", "application/json", "Colecciones");
        return respond(doc, params, request, "Expediente Municipal — OGC API Features");
    }

    @GetMapping("/conformance")
    ResponseEntity<String> conformance(@RequestParam Map<String, String> params, HttpServletRequest request) {
        ObjectNode doc = json.createObjectNode();
        CONFORMANCE.forEach(doc.putArray("conformsTo")::add);
        return respond(doc, params, request, "Conformidad");
    }

    @GetMapping("/collections")
    ResponseEntity<String> collections(@RequestParam Map<String, String> params, HttpServletRequest request) {
        ObjectNode doc = json.createObjectNode();
        ArrayNode links = doc.putArray("links");
        link(links, base() + "/collections", "self", "application/json", "Colecciones");
        ArrayNode list = doc.putArray("collections");
        double[] extent = repository.extent();
        collections.all().forEach(c -> list.add(collection(c, extent)));
        Crs.uris().forEach(doc.putArray("crs")::add);
        return respond(doc, params, request, "Colecciones");
    }

    @GetMapping("/collections/{id}")
    ResponseEntity<String> collection(@PathVariable String id, @RequestParam Map<String, String> params,
                                      HttpServletRequest request) {
        FeatureCollections.FeatureCollection c = find(id);
        return respond(collection(c, repository.extent()), params, request, c.title());
    }

    @GetMapping("/collections/{id}/items")
    ResponseEntity<String> items(@PathVariable String id, @RequestParam Map<String, String> params,
                                 HttpServletRequest request) {
        FeatureCollections.FeatureCollection c = find(id);
        FeaturesQuery q = FeaturesQuery.parse(params, c.queryables());
        FeaturesRepository.Page page = repository.items(c, q);
        String itemsUrl = base() + "/collections/" + id + "/items";
        ArrayNode links = json.createArrayNode();
        link(links, itemsUrl + query(params, q.offset()), "self", "application/geo+json", "Esta página");
        if (q.offset() + page.rows().size() < page.matched()) {
            link(links, itemsUrl + query(params, q.offset() + q.limit()), "next", "application/geo+json", "Página siguiente");
        }
        if (q.offset() > 0) {
            link(links, itemsUrl + query(params, Math.max(0, q.offset() - q.limit())), "prev", "application/geo+json",
                    "Página anterior");
        }
        link(links, base() + "/collections/" + id, "collection", "application/json", c.title());
        StringBuilder body = new StringBuilder(1024 + page.rows().size() * 512);
        body.append("{\"type\":\"FeatureCollection\",\"numberMatched\":").append(page.matched())
                .append(",\"numberReturned\":").append(page.rows().size())
                .append(",\"timeStamp\":\"").append(Instant.now()).append("\",\"links\":").append(links)
                .append(",\"features\":[");
        for (int i = 0; i < page.rows().size(); i++) {
            if (i > 0) {
                body.append(',');
            }
            feature(body, page.rows().get(i));
        }
        body.append("]}");
        if (wantsHtml(params, request)) {
            return html(FeaturesHtml.items(c.title(), page, links));
        }
        return ResponseEntity.ok().contentType(GEOJSON).header("Content-Crs", "<" + q.crs().uri + ">").body(body.toString());
    }

    @GetMapping("/collections/{id}/items/{fid}")
    ResponseEntity<String> item(@PathVariable String id, @PathVariable String fid, @RequestParam Map<String, String> params,
                                HttpServletRequest request) {
        FeatureCollections.FeatureCollection c = find(id);
        FeaturesQuery q = FeaturesQuery.parse(params, java.util.Set.of());
        long key;
        try {
            key = Long.parseLong(fid);
        } catch (NumberFormatException e) {
            throw new NotFoundException("No existe el objeto '" + fid + "' en la colección '" + id + "'.");
        }
        List<FeaturesRepository.Row> rows = repository.one(c, key, q.crs());
        if (rows.isEmpty()) {
            throw new NotFoundException("No existe el objeto '" + fid + "' en la colección '" + id + "'.");
        }
        StringBuilder body = new StringBuilder();
        feature(body, rows.get(0));
        if (wantsHtml(params, request)) {
            return html(FeaturesHtml.items(c.title(), new FeaturesRepository.Page(1, rows), json.createArrayNode()));
        }
        return ResponseEntity.ok().contentType(GEOJSON).header("Content-Crs", "<" + q.crs().uri + ">").body(body.toString());
    }

    private ObjectNode collection(FeatureCollections.FeatureCollection c, double[] extent) {
        ObjectNode node = json.createObjectNode();
        node.put("id", c.id());
        node.put("title", c.title());
        node.put("description", c.description());
        node.put("itemType", "feature");
        ObjectNode ext = node.putObject("extent");
        if (extent != null) {
            ObjectNode spatial = ext.putObject("spatial");
            ArrayNode bbox = spatial.putArray("bbox").addArray();
            for (double v : extent) {
                bbox.add(v);
            }
            spatial.put("crs", Crs.CRS84.uri);
        }
        if (!c.years().isEmpty()) {
            ArrayNode interval = ext.putObject("temporal").putArray("interval").addArray();
            interval.add(c.years().get(0) + "-01-01T00:00:00Z");
            interval.add(c.years().get(c.years().size() - 1) + "-12-31T23:59:59Z");
        }
        Crs.uris().forEach(node.putArray("crs")::add);
        node.put("storageCrs", Crs.EPSG_9377.uri);
        ArrayNode links = node.putArray("links");
        link(links, base() + "/collections/" + c.id(), "self", "application/json", c.title());
        link(links, base() + "/collections/" + c.id() + "/items", "items", "application/geo+json", "Objetos");
        link(links, base() + "/collections/" + c.id() + "/items?f=html", "items", "text/html", "Objetos (HTML)");
        return node;
    }

    private static void feature(StringBuilder body, FeaturesRepository.Row row) {
        body.append("{\"type\":\"Feature\",\"id\":").append(row.fid())
                .append(",\"properties\":").append(row.properties())
                .append(",\"geometry\":").append(row.geometry() == null ? "null" : row.geometry()).append('}');
    }

    private FeatureCollections.FeatureCollection find(String id) {
        return collections.find(id).orElseThrow(() -> new NotFoundException(
                "No existe la colección '" + id + "'. Vea " + base() + "/collections"));
    }

    private String base() {
        return publisher.publicUrl() + "/ogc/api";
    }

    /** The request's own parameters with another offset, for next/prev links. */
    private static String query(Map<String, String> params, int offset) {
        Map<String, String> p = new LinkedHashMap<>(params);
        p.put("offset", String.valueOf(offset));
        return "?" + p.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    private static void link(ArrayNode links, String href, String rel, String type, String title) {
        ObjectNode l = links.addObject();
        l.put("href", href);
        l.put("rel", rel);
        l.put("type", type);
        l.put("title", title);
    }

    private static boolean wantsHtml(Map<String, String> params, HttpServletRequest request) {
        String f = params.get("f");
        if (f != null) {
            return f.equals("html");
        }
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.contains("text/html");
    }

    private ResponseEntity<String> respond(ObjectNode doc, Map<String, String> params, HttpServletRequest request,
                                           String title) {
        String f = params.get("f");
        if (f != null && !f.equals("json") && !f.equals("html")) {
            throw new InvalidParameterException("f", "formatos: json, html");
        }
        if (wantsHtml(params, request)) {
            return html(FeaturesHtml.document(title, doc));
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(doc.toString());
    }

    private static ResponseEntity<String> html(String page) {
        return ResponseEntity.ok().contentType(MediaType.parseMediaType("text/html;charset=UTF-8")).body(page);
    }

    @ExceptionHandler(InvalidParameterException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidParameterException e, HttpServletRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "Parámetro inválido", e.getMessage(), request);
    }

    @ExceptionHandler(NotFoundException.class)
    ResponseEntity<ProblemDetail> notFound(NotFoundException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "No encontrado", e.getMessage(), request);
    }

    private static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail,
                                                         HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setInstance(URI.create(request.getRequestURI()));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    static class NotFoundException extends RuntimeException {
        NotFoundException(String message) {
            super(message);
        }
    }
}
