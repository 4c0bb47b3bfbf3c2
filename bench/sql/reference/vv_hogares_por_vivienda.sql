-- Households and dwellings of each barrio in :year (both known).
SELECT h.unit_id, h.households AS n, h.dwellings AS d
FROM territory.households h JOIN territory.unit u ON u.id = h.unit_id
WHERE u.level = 'barrio' AND h.year = :year AND h.households IS NOT NULL AND h.dwellings IS NOT NULL
