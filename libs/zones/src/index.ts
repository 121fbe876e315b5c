export { ZonesModule } from './zones.module';
export { APEX_NAME, normalizeRecordName } from './names/record-name';
export type { RecordName, RecordNameOptions } from './names/record-name';
export { isInZone, resolveName, withRootDot } from './names/dns-name';
export { canonicalContent, isRecordType, MAX_CONTENT_BYTES } from './content/record-content';
export { soaWithSerial } from './content/soa.content';
export type { CanonicalContentOptions } from './content/record-content';
export type { ContentResult } from './content/content-result';
export { validateTtl } from './content/ttl';
export type { TtlBounds } from './content/ttl';
export { checkRrsetChanges, violationError } from './rules/rrset-rules';
export type {
  RecordLike,
  RrsetConflict,
  RrsetLike,
  RrsetRef,
  RrsetRule,
  RrsetRuleOptions,
  RrsetViolation,
} from './rules/rrset-rules';
export { isPlatformManaged, RecordRules } from './rules/record-rules';
export type { PreparedRecord, RecordInput } from './rules/record-rules';
export { rrsetAfter, ZoneWorkingSet } from './write/zone-working-set';
export type {
  RecordContentChange,
  WorkingRecord,
  WorkingRRSet,
  ZonePolicy,
} from './write/zone-working-set';
export { ZoneReadSync } from './read/zone-read-sync';
export type { ZoneSync } from './read/zone-read-sync';
export type { ZoneVersion } from './read/zone-version';
export { diffRRSets, driftDigest, rrsetKey, toBaseline } from './baseline/baseline-rrsets';
export type { BaselineRRSet } from './baseline/baseline-rrsets';
export { ZoneBaselines } from './baseline/zone-baselines';
export type { BaselineMeta } from './baseline/zone-baselines';
export { ZoneCatalog } from './secondaries/zone-catalog';
export type { ZoneReplication } from './secondaries/zone-catalog';
export { ZoneWriter } from './write/zone-writer';
export { ZoneCommitLog } from './write/zone-commit-log';
export { ZoneLock } from './write/zone-lock';
export type { ZoneLease, ZoneLockGrant, ZoneLogEntry } from './write/zone-lock';
export type { ZoneChange } from './write/zone-writer';
export { zoneFailure } from './write/zone-failure';
export { managedZoneId, soaContent, SOA_EDIT_API, ZoneProvisioner } from './write/zone-provisioner';
export type { ZoneContent } from './write/zone-provisioner';
