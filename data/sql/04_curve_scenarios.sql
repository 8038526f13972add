-- Scenario storage: one row per (run, curve, tenor, scenario). quantile_bin is the scenario's bin (0-based)
-- in its curve/tenor distribution (e.g. deciles) so stratified subsets can be drawn; pnl_usd is the book's
-- P&L in that scenario (0 when no position is attached).
CREATE TABLE IF NOT EXISTS gridalpha.curve_scenarios
(
    as_of           DateTime64(3, 'UTC'),
    curve           String,                     -- e.g. PJM_WEST_peak, TTF, JKM
    tenor           String,                     -- delivery period, e.g. 2025-01, Q1-2025, Cal-26
    scenario_id     UInt32,
    quantile_bin    UInt16,
    price           Float64,                    -- in the curve's own unit ($/MWh, $/MMBtu, ...)
    pnl_usd         Float64,
    run_id          String,
    model_version   LowCardinality(String),
    package_version LowCardinality(String),
    inputs_hash     String,
    regime          LowCardinality(String) DEFAULT 'unknown',
    written_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = MergeTree
ORDER BY (run_id, curve, tenor, scenario_id);

-- VaR/ES state per (run, curve, tenor): the count and the 5000 worst P&L outcomes (groupArraySorted keeps
-- the smallest values). Empirical VaR_a = -x_(k) and ES_a = -mean(x_(1..k)) with k = ceil(a n) are exact
-- while k <= 5000 (n <= 100000 at a = 5%); beyond that the view returns NULL instead of a wrong number.
CREATE TABLE IF NOT EXISTS gridalpha.curve_risk
(
    run_id  String,
    curve   String,
    tenor   String,
    n       SimpleAggregateFunction(sum, UInt64),
    pnl_sum SimpleAggregateFunction(sum, Float64),
    worst   AggregateFunction(groupArraySorted(5000), Float64)
)
ENGINE = AggregatingMergeTree
ORDER BY (run_id, curve, tenor);

CREATE MATERIALIZED VIEW IF NOT EXISTS gridalpha.curve_risk_mv TO gridalpha.curve_risk AS
SELECT run_id, curve, tenor, count() AS n, sum(pnl_usd) AS pnl_sum, groupArraySortedState(5000)(pnl_usd) AS worst
FROM gridalpha.curve_scenarios
GROUP BY run_id, curve, tenor;

CREATE VIEW IF NOT EXISTS gridalpha.curve_var_es AS
SELECT run_id, curve, tenor, n, pnl_sum / n AS pnl_mean_usd,
       toUInt64(ceil(0.05 * n)) AS k95, toUInt64(ceil(0.01 * n)) AS k99,
       if(k95 <= 5000, -worst[k95], NULL)                        AS var95_usd,
       if(k95 <= 5000, -arrayAvg(arraySlice(worst, 1, k95)), NULL) AS es95_usd,
       if(k99 <= 5000, -worst[k99], NULL)                        AS var99_usd,
       if(k99 <= 5000, -arrayAvg(arraySlice(worst, 1, k99)), NULL) AS es99_usd
FROM
(
    SELECT run_id, curve, tenor, sum(n) AS n, sum(pnl_sum) AS pnl_sum, groupArraySortedMerge(5000)(worst) AS worst
    FROM gridalpha.curve_risk
    GROUP BY run_id, curve, tenor
);
