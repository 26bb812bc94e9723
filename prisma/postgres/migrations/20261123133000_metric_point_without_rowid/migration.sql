-- No change on PostgreSQL: the SQLite migration of the same name turns MetricPoint into a
-- WITHOUT ROWID table, a storage layout PostgreSQL does not have. This file keeps the two
-- migration histories aligned.
SELECT 1;
