/** Bulk import path shared by the demo fleet and the AWS sync. */
export type { BulkWriter, BulkWriterOptions, SqlValue } from "./bulk-writer";
export { getDatabaseKind, openBulkWriter, toSqliteDateTime } from "./bulk-writer";
export * from "./tables";
export type {
  CostLineComponent,
  FargatePlatform,
  FargateUsageKind,
  LambdaUsageKind,
  UsageTypeService,
} from "./usage-types";
export {
  mapUsageTypeToComponent,
  toFargateUsageType,
  toLambdaUsageType,
  toUsageTypePrefix,
  toUsageUnit,
} from "./usage-types";
