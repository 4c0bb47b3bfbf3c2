-- Population within 1 km of a metro or train station or 500 m of a BRT, tram, cable or bus station
-- (share of the barrio's dwellings times its population); barrios with dwellings only.
WITH dw AS (
    SELECT u.id AS unit_id, sum(d.units) AS units,
           sum(d.units) FILTER (WHERE EXISTS (
               SELECT 1 FROM layers.transit_station s
               WHERE s.valid_from <= :year AND (s.valid_to IS NULL OR s.valid_to > :year)
                 AND ((s.mode IN ('metro', 'tren') AND ST_DWithin(s.geom, d.geom, 1000))
                   OR (s.mode IN ('brt', 'tranvia', 'cable', 'bus') AND ST_DWithin(s.geom, d.geom, 500))))) AS near
    FROM territory.unit u
    JOIN layers.dwelling d ON ST_Intersects(d.geom, u.geom) AND d.valid_from <= :year AND (d.valid_to IS NULL OR d.valid_to > :year)
    WHERE u.level = 'barrio'
    GROUP BY u.id)
SELECT dw.unit_id, CAST(p.population AS double precision) * coalesce(dw.near, 0) / dw.units AS n, p.population AS d
FROM dw JOIN territory.population p ON p.unit_id = dw.unit_id AND p.year = :year
