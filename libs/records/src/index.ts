export * from './records.module';
export {
  assignRecordIds,
  deriveRecordId,
  isRecordId,
  pinsAfterContentChange,
  recordContentKey,
} from './ids/record-id';
export type { AssignedRecordIds, RecordIdPin, RrsetKey } from './ids/record-id';
export { RecordService } from './records/record.service';
export { PinCache } from './ids/pin-cache';
export type { NewRecord, RecordFilter, RecordView } from './records/record.service';
export * from './zonefile';
export { MAX_IMPORT_RECORDS, ZoneTransferService } from './records/zone-transfer.service';
export type { ImportOutcome, ImportRequest, ZoneFileFormat } from './records/zone-transfer.service';
export { PtrRecordService } from './records/ptr-record.service';
export type { PtrView } from './records/ptr-record.service';
export { RecordSearchService } from './records/record-search.service';
export type { FoundRecord } from './records/record-search.service';
