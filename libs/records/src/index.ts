export * from './records.module';
export { APEX_NAME, normalizeRecordName } from './names/record-name';
export type { RecordName, RecordNameOptions } from './names/record-name';
export { canonicalContent, isRecordType, MAX_CONTENT_BYTES } from './content/record-content';
export type { CanonicalContentOptions } from './content/record-content';
export type { ContentResult } from './content/content-result';
export { validateTtl } from './content/ttl';
export type { TtlBounds } from './content/ttl';
export { checkRrsetChanges } from './rules/rrset-rules';
export type {
  RecordLike,
  RrsetConflict,
  RrsetLike,
  RrsetRule,
  RrsetRuleOptions,
  RrsetViolation,
} from './rules/rrset-rules';
export {
  assignRecordIds,
  deriveRecordId,
  isRecordId,
  pinsAfterContentChange,
  recordContentKey,
} from './ids/record-id';
export type { AssignedRecordIds, RecordIdPin, RrsetKey } from './ids/record-id';
export { RecordService } from './records/record.service';
export type { NewRecord, RecordFilter, RecordView } from './records/record.service';
export { ZoneLock } from './write/zone-lock';
export { ZoneWorkingSet } from './write/zone-working-set';
export type { WorkingRecord, WorkingRRSet } from './write/zone-working-set';
export { ZoneWriteQueue } from './write/zone-write-queue';
export type { ZoneChange } from './write/zone-write-queue';
export * from './zonefile';
export { MAX_IMPORT_RECORDS, ZoneTransferService } from './records/zone-transfer.service';
export type { ImportOutcome, ImportRequest, ZoneFileFormat } from './records/zone-transfer.service';
export { RecordSearchService } from './records/record-search.service';
export type { FoundRecord } from './records/record-search.service';
