package co.expediente.app.imports;

import co.expediente.territory.imports.ImportProperties;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Guards what writes: {@code /api/imports} and {@code POST /api/indicator-runs}. The request must carry {@code Authorization: Bearer <token>} with the
 * token of {@code expediente.imports.token} (EXPEDIENTE_IMPORT_TOKEN), compared in constant time
 * (SHA-256 of both, then {@link MessageDigest#isEqual}); without a configured token the API accepts
 * no import at all. A body declared larger than the upload limit is refused with 413 before it is
 * read. Both answers are problem+json.
 */
@Component
@ConditionalOnWebApplication
class ImportTokenFilter extends OncePerRequestFilter {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] expected;
    private final long maxRequestBytes;

    ImportTokenFilter(ImportProperties props, MultipartProperties multipart) {
        this.expected = props.token() == null || props.token().isBlank() ? null : sha256(props.token());
        this.maxRequestBytes = multipart.getMaxRequestSize() == null ? -1 : multipart.getMaxRequestSize().toBytes();
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        boolean imports = path.equals("/api/imports") || path.startsWith("/api/imports/");
        boolean run = path.equals("/api/indicator-runs") && "POST".equals(request.getMethod());
        return !(imports || run);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (expected == null) {
            refuse(request, response, HttpStatus.UNAUTHORIZED, "No autorizado",
                    "Esta operación de la API está desactivada: el servidor no tiene token (configure EXPEDIENTE_IMPORT_TOKEN).");
            return;
        }
        String header = request.getHeader(HttpHeaders.AUTHORIZATION);
        String given = header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : null;
        if (given == null || !MessageDigest.isEqual(sha256(given), expected)) {
            refuse(request, response, HttpStatus.UNAUTHORIZED, "No autorizado",
                    given == null ? "Falta la cabecera Authorization: Bearer <token>." : "Token inválido.");
            return;
        }
        if (maxRequestBytes > 0 && request.getContentLengthLong() > maxRequestBytes) {
            refuse(request, response, HttpStatus.PAYLOAD_TOO_LARGE, "Archivo demasiado grande",
                    "La subida ocupa " + request.getContentLengthLong() + " bytes; el máximo es " + maxRequestBytes
                            + " bytes (expediente.imports.max-upload-size). Para archivos mayores use la línea de órdenes: "
                            + "./expediente import …");
            return;
        }
        chain.doFilter(request, response);
    }

    private static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String title,
                               String detail) throws IOException {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setInstance(URI.create(request.getRequestURI()));
        response.setStatus(status.value());
        if (status == HttpStatus.UNAUTHORIZED) {
            response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"expediente-imports\"");
        }
        response.setHeader(HttpHeaders.CONNECTION, "close");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        JSON.writeValue(response.getOutputStream(), p);
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
