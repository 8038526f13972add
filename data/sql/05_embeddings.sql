-- Embedding vectors (node2grid nodes, days, regimes, ...) with an HNSW approximate-nearest-neighbour index.
-- The index needs a fixed dimension: 256 (node2grid embeddings). Verified on chdb 4.4 (ClickHouse 26.9),
-- where vector_similarity is GA and needs no setting; a vector of another length is rejected at insert.
-- Cosine distance, as the k-NN layer (gridalpha.node2grid.search) measured and uses: query with
-- ORDER BY cosineDistance(vector, [...]) LIMIT k to use the index. The graph holds f32 vectors (the
-- default bf16 lost neighbours: recall@10 0.91-0.93 over six builds of 2,000 clustered random vectors,
-- 0.98-0.99 with f32; M = 32 and ef_construction = 128 are ClickHouse's defaults, written out).
-- The embedded store builds each graph in one thread (gridalpha.store.CHDB_SERVER_SETTINGS): the
-- multi-threaded build varied run to run. A server sets max_build_vector_similarity_index_thread_pool_size.
CREATE TABLE IF NOT EXISTS gridalpha.embeddings
(
    kind          LowCardinality(String),       -- node, day, regime, ...
    entity        String,                       -- what is embedded (bus name, date, ...)
    as_of         DateTime64(3, 'UTC'),
    vector        Array(Float32),               -- length 256
    run_id        String,
    model_version LowCardinality(String),
    inputs_hash   String,
    written_at    DateTime64(3, 'UTC') DEFAULT now64(3),
    INDEX vector_hnsw vector TYPE vector_similarity('hnsw', 'cosineDistance', 256, 'f32', 32, 128) GRANULARITY 100000000
)
ENGINE = MergeTree
ORDER BY (kind, model_version, entity, as_of);
