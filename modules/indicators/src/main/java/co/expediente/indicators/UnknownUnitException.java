package co.expediente.indicators;

/** A request named a territorial unit code that does not exist. */
public class UnknownUnitException extends RuntimeException {
    public UnknownUnitException(String code) {
        super("Unidad territorial desconocida: '" + code + "'.");
    }
}
