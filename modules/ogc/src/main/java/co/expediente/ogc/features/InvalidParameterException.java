package co.expediente.ogc.features;

/** A query parameter that is unknown or malformed (HTTP 400). */
class InvalidParameterException extends RuntimeException {

    final String parameter;

    InvalidParameterException(String parameter, String message) {
        super("Parámetro '" + parameter + "': " + message);
        this.parameter = parameter;
    }
}
