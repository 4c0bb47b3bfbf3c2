-- Used only when the ten-year battery did not fit the benchmark's time budget: the other years get copies
-- of the values of :year, so that the OGC layers (one per indicator, level and year) and the values table
-- have their real size for the HTTP part. The copies belong to a run named for what it is.
WITH r AS (
    INSERT INTO indicators.run (indicators, years, status, requested_by, finished_at, values_written)
    SELECT coalesce(array_agg(DISTINCT indicator_code), '{}'), ARRAY(SELECT generate_series(2016, 2025)), 'finished',
           'bench: copies of ' || CAST(:'year' AS integer) || ' (ten-year battery not run)', now(), 0
    FROM indicators.indicator_value WHERE year = CAST(:'year' AS integer)
    RETURNING id)
INSERT INTO indicators.indicator_value (indicator_code, unit_id, year, numerator, denominator, value, nd_reason,
                                        definition_version, run_id, baseline, target, progress, status)
SELECT v.indicator_code, v.unit_id, y, v.numerator, v.denominator, v.value, v.nd_reason, v.definition_version, r.id,
       v.baseline, v.target, v.progress, v.status
FROM indicators.indicator_value v
CROSS JOIN r
CROSS JOIN generate_series(2016, 2025) y
WHERE v.year = CAST(:'year' AS integer) AND y <> CAST(:'year' AS integer)
ON CONFLICT (indicator_code, unit_id, year) DO NOTHING;
