-- Kilometres of cycleway inside each barrio in :year; its population.
SELECT u.id AS unit_id,
       (SELECT sum(ST_Length(ST_Intersection(c.geom, u.geom))) / 1000
        FROM layers.cycleway c WHERE c.valid_from <= :year AND (c.valid_to IS NULL OR c.valid_to > :year) AND ST_Intersects(c.geom, u.geom)) AS n,
       (SELECT p.population FROM territory.population p WHERE p.unit_id = u.id AND p.year = :year) AS d
FROM territory.unit u
WHERE u.level = 'barrio'
