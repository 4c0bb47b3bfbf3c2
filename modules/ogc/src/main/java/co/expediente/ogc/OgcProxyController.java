package co.expediente.ogc;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RestController;

/**
 * The public OGC endpoints: {@code /ogc/wms} and {@code /ogc/wfs} forward to MapServer's FastCGI
 * workers. The client never sees MapServer's address, and cannot choose a mapfile.
 */
@RestController
class OgcProxyController {

    private static final Logger log = LoggerFactory.getLogger(OgcProxyController.class);
    private static final List<String> SERVICES = List.of("wms", "wfs");
    private static final Duration TIMEOUT = Duration.ofSeconds(60);
    /** ISO 8601 instants (year to seconds), lists and intervals: what a TIME dimension accepts. */
    private static final java.util.regex.Pattern TIME = java.util.regex.Pattern.compile(
            "(\\d{4}(-\\d{2}(-\\d{2}(T\\d{2}(:\\d{2}(:\\d{2}(\\.\\d+)?)?)?(Z|[+-]\\d{2}:\\d{2})?)?)?)?([,/]|$))+|current");

    private final MapServerProperties props;
    private final OgcPublisher publisher;
    private final OgcResponseCache cache;
    private final MapfileRouting routing;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    OgcProxyController(MapServerProperties props, OgcPublisher publisher, OgcResponseCache cache,
                       MapfileRouting routing) {
        this.props = props;
        this.routing = routing;
        this.publisher = publisher;
        this.cache = cache;
    }

    @RequestMapping(value = "/ogc/{service}", method = {RequestMethod.GET, RequestMethod.POST})
    void forward(@PathVariable String service, HttpServletRequest request, HttpServletResponse servletResponse)
            throws IOException {
        write(servletResponse, answer(service, request));
    }

    /** What to answer: status, headers (the content type as MapServer wrote it) and body. */
    record Answer(int status, HttpHeaders headers, String contentType, byte[] body) {
        static Answer of(ResponseEntity<byte[]> e) {
            MediaType type = e.getHeaders().getContentType();
            return new Answer(e.getStatusCode().value(), e.getHeaders(), type == null ? null : type.toString(), e.getBody());
        }
    }

    /**
     * Written straight to the servlet response: MapServer's content types (e.g. "text/xml;
     * subtype=gml/3.1.1") are not all valid media types for Spring, and need not be.
     */
    private static void write(HttpServletResponse out, Answer a) throws IOException {
        out.setStatus(a.status());
        a.headers().forEach((name, values) -> {
            if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)) {
                values.forEach(v -> out.addHeader(name, v));
            }
        });
        if (a.contentType() != null) {
            out.setHeader(HttpHeaders.CONTENT_TYPE, a.contentType());
        }
        if (a.body() != null) {
            out.setContentLength(a.body().length);
            out.getOutputStream().write(a.body());
        }
    }

    private Answer answer(String service, HttpServletRequest request) throws IOException {
        String svc = service.toLowerCase(Locale.ROOT);
        if (!SERVICES.contains(svc)) {
            return Answer.of(exception(HttpStatus.NOT_FOUND, "InvalidParameterValue", "service",
                    "Servicio OGC desconocido: use /ogc/wms o /ogc/wfs."));
        }
        String time = request.getParameter("TIME") != null ? request.getParameter("TIME") : request.getParameter("time");
        if (time != null && !TIME.matcher(time).matches()) {
            return Answer.of(wmsException(HttpStatus.BAD_REQUEST, "InvalidDimensionValue",
                    "Valor de TIME inválido: use años o fechas ISO 8601 (p. ej. 2024, 2023/2025 o 2023,2024)."));
        }
        String query = query(request.getQueryString(), svc);
        boolean get = "GET".equals(request.getMethod());
        OgcPublisher.DataVersion version = publisher.dataVersion();
        String etag = "\"" + version.tag() + "\"";
        if (get && etag.equals(request.getHeader(HttpHeaders.IF_NONE_MATCH))) {
            return new Answer(HttpStatus.NOT_MODIFIED.value(), validators(version, etag), null, null);
        }
        String cacheKey = version.tag() + " " + svc + "?" + query;
        OgcResponseCache.Entry cached = get ? cache.get(cacheKey) : null;
        if (cached != null) {
            return new Answer(HttpStatus.OK.value(), validators(version, etag), cached.contentType(), cached.body());
        }
        URI target = URI.create(props.endpoint() + "?map=" + routing.aliasFor(query) + "&" + query);
        HttpRequest.Builder out = HttpRequest.newBuilder(target).timeout(TIMEOUT);
        if (!get) {
            byte[] body = request.getInputStream().readAllBytes();
            String type = request.getContentType() == null ? "application/xml" : request.getContentType();
            out.header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            out.GET();
        }
        HttpResponse<byte[]> response;
        try {
            response = http.send(out.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            log.warn("MapServer unreachable at {}: {}", props.endpoint(), e.toString());
            return Answer.of(exception(HttpStatus.SERVICE_UNAVAILABLE, "NoApplicableCode", null,
                    "El servidor de mapas no está disponible en este momento. Intente de nuevo."));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Answer.of(exception(HttpStatus.SERVICE_UNAVAILABLE, "NoApplicableCode", null, "Solicitud interrumpida."));
        }
        HttpHeaders headers = new HttpHeaders();
        String contentType = response.headers().firstValue("Content-Type").orElse("application/octet-stream");
        response.headers().firstValue("Content-Disposition").ifPresent(v -> headers.set(HttpHeaders.CONTENT_DISPOSITION, v));
        if (get && response.statusCode() == 200 && cacheable(contentType, response.body())) {
            headers.addAll(validators(version, etag));
            cache.put(cacheKey, new OgcResponseCache.Entry(response.body(), contentType));
        }
        int status = response.statusCode();
        if (status == 200 && !contentType.startsWith("image/") && isExceptionReport(response.body())) {
            // MapServer answers a bad request with an exception report and 200; clients and caches
            // deserve to know it failed, and why: the client's request, hence 400.
            status = HttpStatus.BAD_REQUEST.value();
        }
        return new Answer(status, headers, contentType, response.body());
    }

    private static boolean isExceptionReport(byte[] body) {
        String head = new String(body, 0, Math.min(body.length, 1024), StandardCharsets.UTF_8);
        return head.contains("ServiceExceptionReport") || head.contains("ExceptionReport");
    }

    /** Images and documents, but not exception reports: those must not be kept. */
    private static boolean cacheable(String contentType, byte[] body) {
        if (contentType.startsWith("image/")) {
            return true;
        }
        return !isExceptionReport(body);
    }

    /** ETag and Last-Modified from the data version: clients and caches keep responses until it changes. */
    private static HttpHeaders validators(OgcPublisher.DataVersion version, String etag) {
        HttpHeaders headers = new HttpHeaders();
        headers.setETag(etag);
        headers.setLastModified(version.since());
        headers.setCacheControl("public, no-cache");
        return headers;
    }

    /**
     * The query string for MapServer: the client's parameters without {@code map} (the mapfile is
     * fixed by configuration), with SERVICE set from the path when the client left it out.
     */
    static String query(String raw, String service) {
        List<String> kept = new ArrayList<>();
        boolean hasService = false;
        if (raw != null && !raw.isEmpty()) {
            for (String pair : raw.split("&")) {
                if (pair.isEmpty()) {
                    continue;
                }
                String key = URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
                if (key.equals("map")) {
                    continue;
                }
                hasService |= key.equals("service");
                kept.add(pair);
            }
        }
        if (!hasService) {
            kept.add(0, "SERVICE=" + URLEncoder.encode(service.toUpperCase(Locale.ROOT), StandardCharsets.UTF_8));
        }
        return String.join("&", kept);
    }

    /** An OWS 1.1 exception report, what OGC clients expect instead of an HTML error page. */
    static ResponseEntity<byte[]> exception(HttpStatus status, String code, String locator, String text) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ows:ExceptionReport xmlns:ows="http://www.opengis.net/ows/1.1" version="1.1.0" xml:lang="es">
                  <ows:Exception exceptionCode="%s"%s>
                    <ows:ExceptionText>%s</ows:ExceptionText>
                  </ows:Exception>
                </ows:ExceptionReport>
                """.formatted(code, locator == null ? "" : " locator=\"" + locator + "\"", escape(text));
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_XML)
                .body(xml.getBytes(StandardCharsets.UTF_8));
    }

    /** A WMS 1.3.0 service exception report. */
    static ResponseEntity<byte[]> wmsException(HttpStatus status, String code, String text) {
        String xml = """
                <?xml version="1.0" encoding="UTF-8"?>
                <ServiceExceptionReport version="1.3.0" xmlns="http://www.opengis.net/ogc">
                  <ServiceException code="%s">%s</ServiceException>
                </ServiceExceptionReport>
                """.formatted(code, escape(text));
        return ResponseEntity.status(status).contentType(MediaType.parseMediaType("text/xml"))
                .body(xml.getBytes(StandardCharsets.UTF_8));
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
