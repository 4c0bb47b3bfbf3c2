package co.expediente.app.imports;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.web.servlet.MultipartProperties;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.MaxUploadSizeExceededException;

/**
 * 413 problem+json for an upload over the limit found while reading the body (the multipart is
 * parsed before any controller is chosen, so this advice is not limited to one controller).
 */
@RestControllerAdvice
@ConditionalOnWebApplication
@Order(Ordered.HIGHEST_PRECEDENCE)
class UploadLimitHandler {

    private final MultipartProperties multipart;

    UploadLimitHandler(MultipartProperties multipart) {
        this.multipart = multipart;
    }

    @ExceptionHandler(MaxUploadSizeExceededException.class)
    ProblemDetail tooLarge(MaxUploadSizeExceededException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "El archivo supera el máximo de "
                + multipart.getMaxFileSize() + " (expediente.imports.max-upload-size). Para archivos mayores use la "
                + "línea de órdenes: ./expediente import …");
        p.setTitle("Archivo demasiado grande");
        p.setInstance(URI.create(request.getRequestURI()));
        return p;
    }
}
