export { ALIAS_GENERIC_TYPE, ALIAS_TYPE_CODE } from './alias-generic';
export { MAX_TTL, parseBindZone, parseTtl } from './bind-parser';
export { bindZoneChunks, writeBindZone } from './bind-writer';
export { CSV_COLUMNS, csvZoneChunks, parseCsvZone, writeCsvZone } from './csv-format';
export { IMPORT_MODES, planImport } from './import-plan';
export type {
  ImportConflict,
  ImportMode,
  ImportPlan,
  ImportPlanOptions,
  PlannedRecord,
  SkippedRecord,
} from './import-plan';
export { jsonZoneChunks, parseJsonZone, writeJsonZone } from './json-format';
export type { JsonZoneFile } from './json-format';
export type {
  ParsedRecord,
  ZoneFileError,
  ZoneFileParseOptions,
  ZoneFileParseResult,
  ZoneRecord,
  ZoneRrset,
} from './zone-file.types';
export {
  EXPORT_CHUNK_RECORDS,
  exportOrder,
  flattenRrsets,
  groupRecords,
  orderRrsets,
} from './zone-order';
export type { ExportedRecord } from './zone-order';
