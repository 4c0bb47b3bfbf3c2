-- pgbench script: the bare queries behind /api/indicators/<code>/values?level=barrio&year=<year>
-- (IndicatorValueRepository: the years computed, then the values). Variables: code, year.
SELECT DISTINCT year FROM indicators.indicator_value WHERE indicator_code = :code ORDER BY year;
SELECT u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, p.code AS parent_code,
       v.year, v.numerator, v.denominator, v.value, v.nd_reason, v.baseline, v.target, v.progress,
       v.status, v.definition_version, v.run_id, v.computed_at
FROM indicators.indicator_value v
JOIN territory.unit u ON u.id = v.unit_id
LEFT JOIN territory.unit p ON p.id = u.parent_id
WHERE v.indicator_code = :code AND u.level = 'barrio' AND v.year = :year ORDER BY u.code;
