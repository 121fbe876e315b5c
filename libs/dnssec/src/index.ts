export { DnssecModule } from './dnssec.module';
export { DnssecService, PARENT_DS_LOOKUP } from './dnssec.service';
export type {
  DnssecActionResult,
  DnssecKeyView,
  DnssecOverview,
  ParentDsLookup,
} from './dnssec.service';
export { DNSSEC_ALGORITHMS, dnssecAlgorithm } from './keys/algorithms';
export type { DnssecAlgorithm } from './keys/algorithms';
export { dsOf, keyTag, parseDnskey } from './keys/dnskey';
export type { Dnskey, DsRecord } from './keys/dnskey';
export { lookupDs } from './parent/ds-query';
export type { DsLookup } from './parent/ds-query';
export { Clock } from './rollover/clock';
export { nextRollStep } from './rollover/roll-plan';
export type { RollKey, RollStep, RollTimings } from './rollover/roll-plan';
