package co.expediente.ogc;

/** MapServer cannot be started or reached; says what is wrong and how to fix it. */
public class MapServerUnavailableException extends RuntimeException {

    private final String action;

    public MapServerUnavailableException(String description, String action) {
        super(description);
        this.action = action;
    }

    public String action() {
        return action;
    }
}
