package co.expediente.indicators;

import co.expediente.territory.Level;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads computed indicator values. */
@Repository
public class IndicatorValueRepository {

    private static final String VALUES = """
            SELECT u.code AS unit_code, u.name AS unit_name, u.kind AS unit_kind, p.code AS parent_code,
                   v.year, v.numerator, v.denominator, v.value, v.nd_reason, v.definition_version, v.computed_at
            FROM indicators.indicator_value v
            JOIN territory.unit u ON u.id = v.unit_id
            LEFT JOIN territory.unit p ON p.id = u.parent_id
            WHERE v.indicator_code = :code AND u.level = :level AND v.year = :year
            ORDER BY u.code
            """;

    private static final String YEARS =
            "SELECT DISTINCT year FROM indicators.indicator_value WHERE indicator_code = :code ORDER BY year";

    private final JdbcClient jdbc;

    public IndicatorValueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<IndicatorValue> values(String code, Level level, int year) {
        return jdbc.sql(VALUES)
                .param("code", code).param("level", level.code()).param("year", year)
                .query((rs, i) -> new IndicatorValue(
                        rs.getString("unit_code"), rs.getString("unit_name"), rs.getString("unit_kind"),
                        rs.getString("parent_code"), rs.getInt("year"),
                        (Double) rs.getObject("numerator"), (Double) rs.getObject("denominator"),
                        (Double) rs.getObject("value"), rs.getString("nd_reason"),
                        rs.getInt("definition_version"), rs.getTimestamp("computed_at").toInstant()))
                .list();
    }

    /** The years with computed values for an indicator, ascending. */
    public List<Integer> years(String code) {
        return jdbc.sql(YEARS).param("code", code).query(Integer.class).list();
    }
}
