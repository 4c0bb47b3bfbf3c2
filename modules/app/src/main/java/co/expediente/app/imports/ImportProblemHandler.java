package co.expediente.app.imports;

import co.expediente.territory.imports.Mapping;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.multipart.support.MissingServletRequestPartException;

/**
 * problem+json for the import API: a request it cannot accept (400), an unknown import (404).
 * An upload over the limit is {@link UploadLimitHandler}'s.
 */
@RestControllerAdvice(assignableTypes = ImportController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ImportProblemHandler {

    @ExceptionHandler({IllegalArgumentException.class, MissingServletRequestParameterException.class,
            MissingServletRequestPartException.class})
    ProblemDetail badRequest(Exception e, HttpServletRequest request) {
        String detail = e instanceof Mapping.MappingException m ? String.join(" ", m.problems())
                : e instanceof MissingServletRequestParameterException p ? "Falta el parámetro '" + p.getParameterName() + "'."
                : e instanceof MissingServletRequestPartException p ? "Falta la parte '" + p.getRequestPartName() + "' (el archivo)."
                : e.getMessage();
        return problem(HttpStatus.BAD_REQUEST, "Solicitud de importación inválida", detail, request);
    }

    @ExceptionHandler(ImportController.UnknownImportException.class)
    ProblemDetail notFound(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "No encontrado", e.getMessage(), request);
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setInstance(URI.create(request.getRequestURI()));
        return p;
    }
}
