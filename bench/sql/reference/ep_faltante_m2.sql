-- Effective public space missing to reach 15 m² per inhabitant (never negative); barrios without
-- population have no figure (the sum is then "no data" above them).
SELECT x.unit_id, greatest(0, 15 * x.pop - coalesce(x.area, 0)) AS n, x.pop AS d
FROM (SELECT u.id AS unit_id, p.population AS pop,
             (SELECT sum(ST_Area(ST_Intersection(s.geom, u.geom)))
              FROM layers.public_space s
              WHERE s.effective AND s.valid_from <= :year AND (s.valid_to IS NULL OR s.valid_to > :year) AND ST_Intersects(s.geom, u.geom)) AS area
      FROM territory.unit u
      JOIN territory.population p ON p.unit_id = u.id AND p.year = :year
      WHERE u.level = 'barrio') x
