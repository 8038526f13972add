-- gridalpha store: one database. Applying any file twice is harmless (IF NOT EXISTS everywhere).
-- Timestamps are DateTime64(3, 'UTC'); an interval is [interval_start, interval_end).
CREATE DATABASE IF NOT EXISTS gridalpha;
