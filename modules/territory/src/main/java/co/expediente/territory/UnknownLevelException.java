package co.expediente.territory;

/** A request named a territorial level that does not exist. */
public class UnknownLevelException extends IllegalArgumentException {
    public UnknownLevelException(String level) {
        super("Nivel territorial desconocido: '" + level + "'. Use municipio, comuna o barrio.");
    }
}
