package co.expediente.indicators;

/** A request named an indicator code that is not in the catalogue. */
public class UnknownIndicatorException extends RuntimeException {
    public UnknownIndicatorException(String code) {
        super("Indicador desconocido: '" + code + "'. Consulte /api/indicators para ver los códigos.");
    }
}
