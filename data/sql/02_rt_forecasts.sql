-- Quantile forecasts of real-time LMP, one row per (model_version, market, location, issue_time, target interval).
-- q_levels (e.g. [0.05, 0.25, 0.5, 0.75, 0.95]) and lmp_q (the forecast quantiles, $/MWh) are parallel arrays.
-- actual_lmp is NULL until the outcome is known; rows written with an actual feed the performance view.
CREATE TABLE IF NOT EXISTS gridalpha.rt_forecasts
(
    issue_time      DateTime64(3, 'UTC'),
    interval_start  DateTime64(3, 'UTC'),       -- target interval [start, end)
    interval_end    DateTime64(3, 'UTC'),
    market          LowCardinality(String),
    location        String,
    horizon_min     UInt32,                     -- minutes from issue_time to interval_start
    q_levels        Array(Float64),
    lmp_q           Array(Float64),             -- $/MWh, same length as q_levels, non-decreasing
    actual_lmp      Nullable(Float64),          -- $/MWh
    run_id          String,
    model_version   LowCardinality(String),
    package_version LowCardinality(String),
    inputs_hash     String,
    regime          LowCardinality(String) DEFAULT 'unknown',
    written_at      DateTime64(3, 'UTC') DEFAULT now64(3),
    CONSTRAINT q_len CHECK length(q_levels) = length(lmp_q)
)
ENGINE = ReplacingMergeTree(written_at)
ORDER BY (model_version, market, location, issue_time, interval_start);

-- Daily performance counters per model_version/market/location/horizon, fed by every inserted row with an actual.
-- Sums only (SimpleAggregateFunction(sum)): MAE = abs_err_sum/n, RMSE = sqrt(sq_err_sum/n),
-- mean pinball loss = pinball_sum/n, 90% coverage = hits90/n90 (needs levels 0.05 and 0.95), 50%: 0.25/0.75.
CREATE TABLE IF NOT EXISTS gridalpha.rt_forecast_perf
(
    model_version LowCardinality(String),
    market        LowCardinality(String),
    location      String,
    horizon_min   UInt32,
    day           Date,
    n             SimpleAggregateFunction(sum, UInt64),
    n_med         SimpleAggregateFunction(sum, UInt64),
    abs_err_sum   SimpleAggregateFunction(sum, Float64),   -- |actual - median|
    sq_err_sum    SimpleAggregateFunction(sum, Float64),   -- (actual - median)^2
    pinball_sum   SimpleAggregateFunction(sum, Float64),   -- mean over levels of the pinball loss
    n90           SimpleAggregateFunction(sum, UInt64),
    hits90        SimpleAggregateFunction(sum, UInt64),
    n50           SimpleAggregateFunction(sum, UInt64),
    hits50        SimpleAggregateFunction(sum, UInt64)
)
ENGINE = AggregatingMergeTree
ORDER BY (model_version, market, location, horizon_min, day);

CREATE MATERIALIZED VIEW IF NOT EXISTS gridalpha.rt_forecast_perf_mv TO gridalpha.rt_forecast_perf AS
SELECT
    model_version, market, location, horizon_min,
    toDate(interval_start, 'UTC') AS day,
    count() AS n,
    countIf(has(q_levels, 0.5)) AS n_med,
    sumIf(abs(y - lmp_q[indexOf(q_levels, 0.5)]), has(q_levels, 0.5)) AS abs_err_sum,
    sumIf(pow(y - lmp_q[indexOf(q_levels, 0.5)], 2), has(q_levels, 0.5)) AS sq_err_sum,
    sum(arrayAvg(arrayMap((l, v) -> greatest(l * (y - v), (l - 1) * (y - v)), q_levels, lmp_q))) AS pinball_sum,
    countIf(has(q_levels, 0.05) AND has(q_levels, 0.95)) AS n90,
    countIf(has(q_levels, 0.05) AND has(q_levels, 0.95)
            AND y >= lmp_q[indexOf(q_levels, 0.05)] AND y <= lmp_q[indexOf(q_levels, 0.95)]) AS hits90,
    countIf(has(q_levels, 0.25) AND has(q_levels, 0.75)) AS n50,
    countIf(has(q_levels, 0.25) AND has(q_levels, 0.75)
            AND y >= lmp_q[indexOf(q_levels, 0.25)] AND y <= lmp_q[indexOf(q_levels, 0.75)]) AS hits50
FROM (SELECT *, assumeNotNull(actual_lmp) AS y FROM gridalpha.rt_forecasts WHERE actual_lmp IS NOT NULL AND length(q_levels) > 0)
GROUP BY model_version, market, location, horizon_min, day;

-- Finished metrics per day, plus 7-day rolling MAE and 90% coverage (window over the calendar, not rows).
CREATE VIEW IF NOT EXISTS gridalpha.rt_forecast_metrics AS
SELECT
    model_version, market, location, horizon_min, day, n,
    abs_err_sum / nullIf(n_med, 0)        AS mae,
    sqrt(sq_err_sum / nullIf(n_med, 0))   AS rmse,
    pinball_sum / nullIf(n, 0)            AS pinball,
    hits90 / nullIf(n90, 0)               AS coverage90,
    hits50 / nullIf(n50, 0)               AS coverage50,
    sum(abs_err_sum) OVER w / nullIf(sum(n_med) OVER w, 0) AS mae_7d,
    sum(hits90) OVER w / nullIf(sum(n90) OVER w, 0)        AS coverage90_7d
FROM
(
    SELECT model_version, market, location, horizon_min, day,
           sum(n) AS n, sum(n_med) AS n_med, sum(abs_err_sum) AS abs_err_sum, sum(sq_err_sum) AS sq_err_sum,
           sum(pinball_sum) AS pinball_sum, sum(n90) AS n90, sum(hits90) AS hits90, sum(n50) AS n50, sum(hits50) AS hits50
    FROM gridalpha.rt_forecast_perf
    GROUP BY model_version, market, location, horizon_min, day
)
WINDOW w AS (PARTITION BY model_version, market, location, horizon_min ORDER BY day RANGE BETWEEN 6 PRECEDING AND CURRENT ROW);
