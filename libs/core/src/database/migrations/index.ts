import { InitialSchema1795401150155 } from './1795401150155-initial-schema';
import { SeedSystemData1795401160000 } from './1795401160000-seed-system-data';
import { ZoneSnapshots1795403778867 } from './1795403778867-zone-snapshots';
import { IdentitySync1795404500000 } from './1795404500000-identity-sync';
import { RecordIdPins1795406254973 } from './1795406254973-record-id-pins';
import { NameWidths1795408000000 } from './1795408000000-name-widths';
import { ScaiKeyStampsAndRoles1795420000000 } from './1795420000000-scaikey-stamps-and-roles';
import { ZoneCommitIntents1795500000000 } from './1795500000000-zone-commit-intents';
import { AuthoritativeDomains1795600000000 } from './1795600000000-authoritative-domains';
import { RecordStamps1795600000001 } from './1795600000001-record-stamps';
import { MailAndCaaTemplates1795600000002 } from './1795600000002-mail-and-caa-templates';
import { DnssecKeys1795600000003 } from './1795600000003-dnssec-keys';
import { DriftBaselines1795700000000 } from './1795700000000-drift-baselines';
import { IntentProofs1795800000000 } from './1795800000000-intent-proofs';

/** Every migration, in order. */
export const MIGRATIONS: Function[] = [
  InitialSchema1795401150155,
  SeedSystemData1795401160000,
  ZoneSnapshots1795403778867,
  IdentitySync1795404500000,
  RecordIdPins1795406254973,
  NameWidths1795408000000,
  ScaiKeyStampsAndRoles1795420000000,
  ZoneCommitIntents1795500000000,
  AuthoritativeDomains1795600000000,
  RecordStamps1795600000001,
  MailAndCaaTemplates1795600000002,
  DnssecKeys1795600000003,
  DriftBaselines1795700000000,
  IntentProofs1795800000000,
];
