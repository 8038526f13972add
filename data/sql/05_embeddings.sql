-- Embedding vectors (node2grid nodes, days, regimes, ...) with an HNSW approximate-nearest-neighbour index.
-- The index needs a fixed dimension: 64. Verified on chdb 4.4 (ClickHouse 26.9), where vector_similarity is
-- GA and needs no setting; a vector of another length is rejected at insert. Query with
-- ORDER BY L2Distance(vector, [...]) LIMIT k to use the index.
CREATE TABLE IF NOT EXISTS gridalpha.embeddings
(
    kind          LowCardinality(String),       -- node, day, regime, ...
    entity        String,                       -- what is embedded (bus name, date, ...)
    as_of         DateTime64(3, 'UTC'),
    vector        Array(Float32),               -- length 64
    run_id        String,
    model_version LowCardinality(String),
    inputs_hash   String,
    written_at    DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX vector_hnsw vector TYPE vector_similarity('hnsw', 'L2Distance', 64) GRANULARITY 100000000
)
ENGINE = MergeTree
ORDER BY (kind, model_version, entity, as_of);
