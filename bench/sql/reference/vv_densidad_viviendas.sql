-- Dwellings and hectares of each barrio with a dwelling count in :year.
SELECT u.id AS unit_id, h.dwellings AS n, ST_Area(u.geom) / 10000 AS d
FROM territory.unit u JOIN territory.households h ON h.unit_id = u.id AND h.year = :year
WHERE u.level = 'barrio' AND h.dwellings IS NOT NULL
