-- Dwellings of each barrio in zones of non-mitigable risk in :year (dwellings times the share of its
-- area in such zones); its dwellings.
SELECT u.id AS unit_id,
       h.dwellings * ST_Area(ST_Intersection(u.geom, r.geom)) / ST_Area(u.geom) AS n,
       h.dwellings AS d
FROM territory.unit u
JOIN territory.households h ON h.unit_id = u.id AND h.year = :year AND h.dwellings IS NOT NULL
LEFT JOIN LATERAL (SELECT ST_Union(z.geom) AS geom FROM layers.hazard_zone z
                   WHERE z.non_mitigable AND z.valid_from <= :year AND (z.valid_to IS NULL OR z.valid_to > :year) AND ST_Intersects(z.geom, u.geom)) r ON true
WHERE u.level = 'barrio'
