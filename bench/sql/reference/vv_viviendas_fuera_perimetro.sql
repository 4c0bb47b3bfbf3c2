-- Dwellings built in :year in each barrio that fall outside every urban-land polygon in force that year
-- (no denominator).
SELECT u.id AS unit_id, sum(d.units) AS n, CAST(NULL AS double precision) AS d
FROM territory.unit u
JOIN layers.dwelling d ON ST_Intersects(d.geom, u.geom) AND d.year_built = :year
     AND d.valid_from <= :year AND (d.valid_to IS NULL OR d.valid_to > :year)
WHERE u.level = 'barrio'
  AND NOT EXISTS (SELECT 1 FROM layers.land_class c
                  WHERE c.class = 'urbano' AND c.valid_from <= :year AND (c.valid_to IS NULL OR c.valid_to > :year)
                    AND ST_Intersects(c.geom, d.geom))
GROUP BY u.id
