-- Population of each barrio under high avenida_torrencial hazard in :year, spread evenly over the barrio's area
-- (population times the share of its area under the hazard); its population.
SELECT u.id AS unit_id,
       p.population * ST_Area(ST_Intersection(u.geom, h.geom)) / ST_Area(u.geom) AS n,
       p.population AS d
FROM territory.unit u
JOIN territory.population p ON p.unit_id = u.id AND p.year = :year
LEFT JOIN LATERAL (SELECT ST_Union(z.geom) AS geom FROM layers.hazard_zone z
                   WHERE z.level = 'alta' AND z.hazard = 'avenida_torrencial' AND z.valid_from <= :year AND (z.valid_to IS NULL OR z.valid_to > :year) AND ST_Intersects(z.geom, u.geom)) h ON true
WHERE u.level = 'barrio'
