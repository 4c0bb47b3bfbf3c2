-- Effective public space (m²) inside each barrio in :year; its population.
SELECT u.id AS unit_id,
       (SELECT sum(ST_Area(ST_Intersection(s.geom, u.geom)))
        FROM layers.public_space s
        WHERE s.effective AND s.valid_from <= :year AND (s.valid_to IS NULL OR s.valid_to > :year) AND ST_Intersects(s.geom, u.geom)) AS n,
       (SELECT p.population FROM territory.population p WHERE p.unit_id = u.id AND p.year = :year) AS d
FROM territory.unit u
WHERE u.level = 'barrio'
