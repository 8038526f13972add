-- Participants' actions (25_irl_participants.actions): per unit and DA hour, what a reconstruction
-- reveals of its offer (bounds: equal when exact, NULL when unbounded) and the state it saw.
-- `source` is 'offers' (disclosed offer curves) or 'awards' (awards and telemetry only).
CREATE TABLE IF NOT EXISTS gridalpha.participant_actions
(
    sim_key              String,
    source               LowCardinality(String),
    interval_start       DateTime64(3, 'UTC'),
    interval_end         DateTime64(3, 'UTC'),
    unit                 String,
    ptype                LowCardinality(String),
    markup_lo_pct        Nullable(Float64),
    markup_hi_pct        Nullable(Float64),
    withheld_lo_pct      Nullable(Float64),
    withheld_hi_pct      Nullable(Float64),
    offer_lo_usd_mwh     Nullable(Float64),
    offer_hi_usd_mwh     Nullable(Float64),
    storage_action       Nullable(Float64),        -- -1 charge, 0 idle, 1 discharge
    award_mw             Float64,
    avail_mw             Float64,
    committed            Bool,
    lmp_usd_mwh          Float64,                  -- DA LMP at the unit's bus
    congestion_usd_mwh   Float64,
    fuel_usd_mmbtu       Float64,
    soc_frac             Nullable(Float64),        -- storage state of charge before the hour, 0-1
    hour                 UInt8,                    -- market-local hour
    load_mw              Float64,
    net_load_mw          Float64,
    reserve_margin       Float64,
    regime               LowCardinality(String),
    stressed             Bool,
    lmp_lag1_usd_mwh     Float64,
    lmp_prev_day_usd_mwh Float64,
    loaded_at            DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (sim_key, source, unit, interval_start);
