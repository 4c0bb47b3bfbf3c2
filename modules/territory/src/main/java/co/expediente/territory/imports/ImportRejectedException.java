package co.expediente.territory.imports;

/**
 * The source as a whole cannot be imported (unreadable, not geographic, no CRS, a mapping field
 * it lacks, an unsafe zip…). The import is recorded as rejected with this reason; nothing is written.
 */
public class ImportRejectedException extends RuntimeException {

    private final String code;

    public ImportRejectedException(String code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** Machine-readable reason, e.g. {@code sin_crs}, {@code zip_inseguro}. */
    public String code() {
        return code;
    }
}
