-- Daily market regime labels from the regime model (23_regime), with the posterior of each state.
CREATE TABLE IF NOT EXISTS gridalpha.regimes_daily
(
    day             Date,
    market          LowCardinality(String),
    regime          LowCardinality(String),     -- label of the most likely state
    regime_id       UInt8,
    prob            Float64,                    -- posterior probability of that state
    probs           Array(Float64),             -- posterior of every state, indexed by regime_id
    run_id          String,
    model_version   LowCardinality(String),
    package_version LowCardinality(String),
    inputs_hash     String,
    written_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(written_at)
ORDER BY (market, model_version, day);

-- Named, tagged, reproducible scenario sets: the seed and condition regenerate the paths exactly.
CREATE TABLE IF NOT EXISTS gridalpha.scenario_bank
(
    scenario_set    String,                     -- id of the set (scenarios live in curve_scenarios under run_id)
    name            String,
    tags            Array(String),
    seed            UInt64,
    generator       LowCardinality(String),     -- which ScenarioGenerator made it
    condition_json  String,                     -- the conditioning inputs, canonical JSON
    n_paths         UInt32,
    created_at      DateTime64(3, 'UTC'),
    run_id          String,
    model_version   LowCardinality(String),
    package_version LowCardinality(String),
    inputs_hash     String,
    regime          LowCardinality(String) DEFAULT 'unknown',
    description     String DEFAULT ''
)
ENGINE = ReplacingMergeTree(created_at)
ORDER BY scenario_set;
