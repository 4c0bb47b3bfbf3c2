-- Lineage, change control and progress against targets for indicator values.

-- Every version of every sheet as it was used: old values stay traceable to the formula that made them.
CREATE TABLE indicators.definition_version (
    code        text    NOT NULL,
    version     integer NOT NULL,
    sheet       jsonb   NOT NULL,
    recorded_at timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (code, version)
);

ALTER TABLE indicators.run
    ADD COLUMN units  text[],
    ADD COLUMN status text NOT NULL DEFAULT 'finished' CHECK (status IN ('running', 'finished', 'failed')),
    ADD COLUMN requested_by text;

-- What each (run, indicator, year) read: layer versions (imports, feature counts) and population sources.
CREATE TABLE indicators.value_lineage (
    run_id             bigint  NOT NULL REFERENCES indicators.run (id),
    indicator_code     text    NOT NULL,
    year               integer NOT NULL,
    definition_version integer NOT NULL,
    layers             jsonb   NOT NULL,
    population_sources text[]  NOT NULL,
    nd_reason          text,
    PRIMARY KEY (run_id, indicator_code, year)
);

-- Progress from the unit's baseline towards the target in force (docs/progress.md).
ALTER TABLE indicators.indicator_value
    ADD COLUMN baseline double precision,
    ADD COLUMN target   double precision,
    ADD COLUMN progress double precision,
    ADD COLUMN status   text CHECK (status IN ('meta_cumplida', 'avance_sustancial', 'avance_moderado',
                                               'avance_limitado', 'deterioro', 'sin_dato', 'linea_base'));
