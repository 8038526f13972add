-- Market data: prices (gridstatus conventions, snake_case), loads and fuel prices.
-- ReplacingMergeTree: re-loading the same interval replaces it (latest loaded_at wins after merge / FINAL).
CREATE TABLE IF NOT EXISTS gridalpha.prices
(
    interval_start DateTime64(3, 'UTC'),
    interval_end   DateTime64(3, 'UTC'),
    market         LowCardinality(String),      -- DA, RT5, RT15, ...
    location       String,                      -- bus / hub / zone name
    location_type  LowCardinality(String),      -- bus, hub, zone, ...
    lmp            Float64,                     -- $/MWh (or the market's currency per MWh)
    energy         Nullable(Float64),           -- lmp = energy + congestion + loss where decomposed
    congestion     Nullable(Float64),
    loss           Nullable(Float64),
    source         LowCardinality(String) DEFAULT '',
    loaded_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (market, location, interval_start);

CREATE TABLE IF NOT EXISTS gridalpha.loads
(
    interval_start DateTime64(3, 'UTC'),
    interval_end   DateTime64(3, 'UTC'),
    location       String,                      -- zone / area / bus
    location_type  LowCardinality(String),
    series         LowCardinality(String) DEFAULT 'actual',   -- actual, forecast_da, ...
    load_mw        Float64,
    source         LowCardinality(String) DEFAULT '',
    loaded_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (location, series, interval_start);

CREATE TABLE IF NOT EXISTS gridalpha.fuels
(
    interval_start  DateTime64(3, 'UTC'),
    interval_end    DateTime64(3, 'UTC'),
    fuel            LowCardinality(String),     -- gas, lng, coal, oil
    hub             String,                     -- Henry Hub, TTF, JKM, ...
    price_usd_mmbtu Float64,
    source          LowCardinality(String) DEFAULT '',
    loaded_at       DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(loaded_at)
ORDER BY (fuel, hub, interval_start);
