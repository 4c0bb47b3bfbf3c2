package co.expediente.app;

import co.expediente.indicators.IndicatorRunController;
import co.expediente.indicators.UnknownIndicatorException;
import co.expediente.indicators.UnknownUnitException;
import co.expediente.indicators.YearNotComputedException;
import co.expediente.territory.UnknownLevelException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every API error is RFC 9457 problem+json with a precise status. A 500 never shows its cause:
 * it carries an error id that is also in the log.
 */
@RestControllerAdvice
class ApiProblemHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiProblemHandler.class);

    @ExceptionHandler({UnknownIndicatorException.class, YearNotComputedException.class, UnknownUnitException.class,
        IndicatorRunController.RunNotFoundException.class})
    ProblemDetail notFound(RuntimeException e, HttpServletRequest request) {
        return problem(HttpStatus.NOT_FOUND, "No encontrado", e.getMessage(), request);
    }

    @ExceptionHandler({UnknownLevelException.class, MethodArgumentTypeMismatchException.class,
        IndicatorRunController.InvalidRunException.class})
    ProblemDetail badRequest(RuntimeException e, HttpServletRequest request) {
        String detail = e instanceof MethodArgumentTypeMismatchException m
                ? "Valor inválido para el parámetro '" + m.getName() + "': '" + m.getValue() + "'."
                : e.getMessage();
        return problem(HttpStatus.BAD_REQUEST, "Solicitud inválida", detail, request);
    }

    @ExceptionHandler(Exception.class)
    ProblemDetail unexpected(Exception e, HttpServletRequest request) {
        String id = UUID.randomUUID().toString();
        log.error("Unexpected error {} on {} {}", id, request.getMethod(), request.getRequestURI(), e);
        ProblemDetail p = problem(HttpStatus.INTERNAL_SERVER_ERROR, "Error interno",
                "Ocurrió un error inesperado. Identificador del error: " + id, request);
        p.setProperty("errorId", id);
        return p;
    }

    private static ProblemDetail problem(HttpStatus status, String title, String detail, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        p.setTitle(title);
        p.setInstance(URI.create(request.getRequestURI()));
        return p;
    }
}
