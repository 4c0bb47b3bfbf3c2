-- Hectares of each barrio under high hazard and inside the urban perimeter in :year (no denominator).
SELECT u.id AS unit_id, ST_Area(ST_Intersection(ST_Intersection(u.geom, h.geom), l.geom)) / 10000 AS n,
       CAST(NULL AS double precision) AS d
FROM territory.unit u
JOIN LATERAL (SELECT ST_Union(z.geom) AS geom FROM layers.hazard_zone z
              WHERE z.level = 'alta' AND z.valid_from <= :year AND (z.valid_to IS NULL OR z.valid_to > :year) AND ST_Intersects(z.geom, u.geom)) h ON h.geom IS NOT NULL
JOIN LATERAL (SELECT ST_Union(c.geom) AS geom FROM layers.land_class c
              WHERE c.class = 'urbano' AND c.valid_from <= :year AND (c.valid_to IS NULL OR c.valid_to > :year) AND ST_Intersects(c.geom, u.geom)) l ON l.geom IS NOT NULL
WHERE u.level = 'barrio'
