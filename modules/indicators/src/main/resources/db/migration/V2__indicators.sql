-- Indicator values computed by the engine, with their lineage (which run, which definition version).
CREATE SCHEMA indicators;

CREATE TABLE indicators.run (
    id          bigserial PRIMARY KEY,
    started_at  timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    indicators  text[]      NOT NULL,
    years       integer[]   NOT NULL,
    values_written integer
);

-- A value is either computed (value not null) or "no data" with its reason, never a silent zero.
CREATE TABLE indicators.indicator_value (
    indicator_code     text    NOT NULL,
    unit_id            bigint  NOT NULL REFERENCES territory.unit (id) ON DELETE CASCADE,
    year               integer NOT NULL,
    numerator          double precision,
    denominator        double precision,
    value              double precision,
    nd_reason          text,
    definition_version integer NOT NULL,
    run_id             bigint  NOT NULL REFERENCES indicators.run (id),
    computed_at        timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (indicator_code, unit_id, year),
    CONSTRAINT value_or_reason CHECK ((value IS NULL) = (nd_reason IS NOT NULL))
);
CREATE INDEX indicator_value_year_idx ON indicators.indicator_value (indicator_code, year);
