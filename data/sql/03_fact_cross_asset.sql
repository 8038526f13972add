-- Hourly cross-commodity features, one row per (market, location, hour). Feature columns are Nullable:
-- a missing input leaves its feature NULL rather than a made-up number.
CREATE TABLE IF NOT EXISTS gridalpha.fact_cross_asset
(
    interval_start              DateTime64(3, 'UTC'),
    interval_end                DateTime64(3, 'UTC'),
    market                      LowCardinality(String),
    location                    String,
    power_usd_mwh               Nullable(Float64),
    gas_usd_mmbtu               Nullable(Float64),
    lng_usd_mmbtu               Nullable(Float64),
    carbon_usd_t                Nullable(Float64),
    spark_spread_usd_mwh        Nullable(Float64),
    clean_spark_spread_usd_mwh  Nullable(Float64),
    implied_heat_rate_mmbtu_mwh Nullable(Float64),
    load_mw                     Nullable(Float64),
    wind_mw                     Nullable(Float64),
    solar_mw                    Nullable(Float64),
    run_id                      String,
    inputs_hash                 String,
    written_at                  DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(written_at)
ORDER BY (market, location, interval_start);
