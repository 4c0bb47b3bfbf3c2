-- Dwellings in the part of each barrio with a density limit, against the dwellings the limits allow
-- (max density x hectares of each treatment inside the barrio); barrios with a dwelling count.
SELECT u.id AS unit_id,
       h.dwellings * ST_Area(ST_Intersection(u.geom, (SELECT ST_Union(t.geom) FROM layers.treatment t
                                                      WHERE t.max_density IS NOT NULL AND t.valid_from <= :year AND (t.valid_to IS NULL OR t.valid_to > :year)
                                                        AND ST_Intersects(t.geom, u.geom)))) / ST_Area(u.geom) AS n,
       coalesce((SELECT sum(t.max_density * ST_Area(ST_Intersection(t.geom, u.geom)))
                 FROM layers.treatment t
                 WHERE t.max_density IS NOT NULL AND t.valid_from <= :year AND (t.valid_to IS NULL OR t.valid_to > :year) AND ST_Intersects(t.geom, u.geom)), 0) / 10000 AS d
FROM territory.unit u
JOIN territory.households h ON h.unit_id = u.id AND h.year = :year AND h.dwellings IS NOT NULL
WHERE u.level = 'barrio'
