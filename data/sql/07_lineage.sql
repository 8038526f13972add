-- Run records (03_lineage): one row per state change; the latest written_at wins (query with FINAL).
CREATE TABLE IF NOT EXISTS gridalpha.runs
(
    run_id          String,
    kind            LowCardinality(String),     -- forecast, scenario, backtest, decision, ...
    model_version   LowCardinality(String),
    package_version LowCardinality(String),
    inputs_hash     String,
    regime          LowCardinality(String) DEFAULT 'unknown',
    params_json     String,
    started_at      DateTime64(3, 'UTC'),
    ended_at        Nullable(DateTime64(3, 'UTC')),
    status          LowCardinality(String),     -- running, ok, failed
    written_at      DateTime64(3, 'UTC') DEFAULT now64(3)
)
ENGINE = ReplacingMergeTree(written_at)
ORDER BY run_id;

-- Append-only audit trail, HMAC-chained: hash = HMAC-SHA256 under the operator's key (GRIDALPHA_AUDIT_KEY)
-- of prev_hash + canonical JSON of the other fields; the head (seq, hash) lives in a MACed file outside.
-- Plain MergeTree (no replacing, no TTL): a removed or altered row breaks the chain and AuditLog.verify finds it.
CREATE TABLE IF NOT EXISTS gridalpha.audit_log
(
    seq       UInt64,
    ts        DateTime64(3, 'UTC'),
    actor     String,
    action    LowCardinality(String),
    run_id    String,
    payload   String,                           -- canonical JSON
    prev_hash String,
    hash      String
)
ENGINE = MergeTree
ORDER BY seq;
