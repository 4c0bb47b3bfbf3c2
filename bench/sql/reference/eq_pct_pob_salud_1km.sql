-- Population living within 1 km of a 'salud' facility, as the barrio's population times the share of
-- its dwellings (units) with one that close; barrios with dwellings only.
WITH dw AS (
    SELECT u.id AS unit_id, sum(d.units) AS units,
           sum(d.units) FILTER (WHERE EXISTS (
               SELECT 1 FROM layers.facility f
               WHERE f.category = 'salud' AND f.valid_from <= :year AND (f.valid_to IS NULL OR f.valid_to > :year) AND ST_DWithin(f.geom, d.geom, 1000))) AS near
    FROM territory.unit u
    JOIN layers.dwelling d ON ST_Intersects(d.geom, u.geom) AND d.valid_from <= :year AND (d.valid_to IS NULL OR d.valid_to > :year)
    WHERE u.level = 'barrio'
    GROUP BY u.id)
SELECT dw.unit_id, CAST(p.population AS double precision) * coalesce(dw.near, 0) / dw.units AS n, p.population AS d
FROM dw JOIN territory.population p ON p.unit_id = dw.unit_id AND p.year = :year
