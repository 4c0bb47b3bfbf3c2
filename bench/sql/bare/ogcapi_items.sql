-- pgbench script: the bare PostGIS queries behind /ogc/api/collections/<code>_barrio/items?datetime=<year>
-- (FeaturesRepository: matched count, then the page of GeoJSON features in CRS84). Variables: code, year.
SELECT count(*)
FROM indicators.indicator_value v JOIN territory.unit u ON u.id = v.unit_id
WHERE v.indicator_code = :code AND u.level = 'barrio' AND v.year >= :year AND v.year <= :year;
SELECT v.unit_id * 10000 + v.year AS fid,
       json_build_object('codigo', u.code, 'nombre', u.name, 'tipo', u.kind, 'anio', v.year,
           'valor', v.value, 'numerador', v.numerator, 'denominador', v.denominator, 'sin_dato', v.nd_reason,
           'linea_base', v.baseline, 'meta', v.target, 'avance', v.progress, 'estado', v.status)::text AS properties,
       ST_AsGeoJSON(ST_Transform(u.geom, 4326), 7) AS geometry
FROM indicators.indicator_value v JOIN territory.unit u ON u.id = v.unit_id
WHERE v.indicator_code = :code AND u.level = 'barrio' AND v.year >= :year AND v.year <= :year
ORDER BY v.year, u.code LIMIT 1000 OFFSET 0;
