package co.expediente.indicators;

import java.time.Instant;

/**
 * One indicator value for a unit and year. {@code value} is null exactly when the value could not be
 * computed; {@code ndReason} then says why ("ND", no data — never a silent zero). {@code baseline},
 * {@code target}, {@code progress} and {@code progressStatus} compare it with the plan
 * ({@link ProgressMethod}).
 */
public record IndicatorValue(
        String unitCode,
        String unitName,
        String unitKind,
        String parentCode,
        int year,
        Double numerator,
        Double denominator,
        Double value,
        String ndReason,
        Double baseline,
        Double target,
        Double progress,
        String progressStatus,
        int definitionVersion,
        long runId,
        Instant computedAt) {

    public String status() {
        return value == null ? "nd" : "ok";
    }
}
