-- DropIndex
DROP INDEX "MetricPoint_resourceType_granularity_timestamp_idx";
