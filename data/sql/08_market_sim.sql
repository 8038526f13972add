-- Simulated market (14_sim): binding constraints, unit dispatch, participants' hidden parameters and the regime truth.
-- Rows carry `sim_key`, the cache key of the simulation (grid, window, seed, options, code version).
CREATE TABLE IF NOT EXISTS gridalpha.sim_constraints
(
    sim_key              String,
    interval_start       DateTime64(3, 'UTC'),
    interval_end         DateTime64(3, 'UTC'),
    market               LowCardinality(String),
    branch               String,                   -- the binding branch (frame column `constraint`)
    from_bus             Int64,
    to_bus               Int64,
    flow_mw              Float64,
    rate_mw              Float64,
    shadow_price_usd_mwh Float64,
    loaded_at            DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (sim_key, market, branch, interval_start);

CREATE TABLE IF NOT EXISTS gridalpha.sim_dispatch
(
    sim_key        String,
    interval_start DateTime64(3, 'UTC'),
    interval_end   DateTime64(3, 'UTC'),
    market         LowCardinality(String),
    unit           String,
    ptype          LowCardinality(String),
    p_mw           Float64,
    committed      Bool,
    loaded_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (sim_key, market, unit, interval_start);

CREATE TABLE IF NOT EXISTS gridalpha.sim_participants
(
    sim_key                 String,
    unit                    String,
    ptype                   LowCardinality(String),
    unit_type               LowCardinality(String),
    markup_pct              Nullable(Float64),
    stress_markup_pct       Nullable(Float64),
    withholding_pct         Nullable(Float64),
    offer_usd_mwh           Nullable(Float64),
    charge_below_usd_mwh    Nullable(Float64),
    discharge_above_usd_mwh Nullable(Float64),
    duration_h              Nullable(Float64),
    efficiency              Nullable(Float64),
    energy_mwh              Nullable(Float64),
    loaded_at               DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (sim_key, unit);

CREATE TABLE IF NOT EXISTS gridalpha.sim_regimes
(
    sim_key        String,
    interval_start DateTime64(3, 'UTC'),
    interval_end   DateTime64(3, 'UTC'),
    regime         LowCardinality(String),
    regime_id      UInt8,
    fuel_shock     Float64,
    load_shock     Float64,
    outage_factor  Float64,
    loaded_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (sim_key, interval_start);
