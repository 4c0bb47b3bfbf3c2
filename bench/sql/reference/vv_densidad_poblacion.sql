-- Inhabitants and hectares of each barrio with population in :year.
SELECT u.id AS unit_id, p.population AS n, ST_Area(u.geom) / 10000 AS d
FROM territory.unit u JOIN territory.population p ON p.unit_id = u.id AND p.year = :year
WHERE u.level = 'barrio'
