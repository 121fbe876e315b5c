import { AccessGrant } from './access-grant.entity';
import { ApiKey } from './api-key.entity';
import { AuditLog } from './audit-log.entity';
import { DnssecKey } from './dnssec-key.entity';
import { Domain } from './domain.entity';
import { GroupMembership } from './group-membership.entity';
import { Group } from './group.entity';
import { Partner } from './partner.entity';
import { PlatformConfig } from './platform-config.entity';
import { RecordIdPinRow } from './record-id-pin.entity';
import { RecordStampRow } from './record-stamp.entity';
import { RoleAssignment } from './role-assignment.entity';
import { Role } from './role.entity';
import { Template } from './template.entity';
import { Tenant } from './tenant.entity';
import { User } from './user.entity';
import { ValidationChallenge } from './validation-challenge.entity';
import { WebhookEvent } from './webhook-event.entity';
import { ZoneBaselineRow, ZoneBaselineRRSetRow } from './zone-baseline.entity';
import { ZoneCommitIntent } from './zone-commit-intent.entity';
import { ZoneDriftFinding } from './zone-drift-finding.entity';
import { ZoneSnapshot } from './zone-snapshot.entity';

export * from './access-grant.entity';
export * from './api-key.entity';
export * from './audit-log.entity';
export * from './dnssec-key.entity';
export * from './domain.entity';
export * from './group-membership.entity';
export * from './group.entity';
export * from './partner.entity';
export * from './platform-config.entity';
export * from './record-id-pin.entity';
export * from './record-stamp.entity';
export * from './role-assignment.entity';
export * from './role.entity';
export * from './template.entity';
export * from './tenant.entity';
export * from './user.entity';
export * from './uuid-primary.base';
export * from './validation-challenge.entity';
export * from './webhook-event.entity';
export * from './zone-baseline.entity';
export * from './zone-commit-intent.entity';
export * from './zone-drift-finding.entity';
export * from './zone-snapshot.entity';

/** Every entity of the application schema. */
export const ENTITIES: Function[] = [
  Partner,
  Tenant,
  User,
  Group,
  GroupMembership,
  Role,
  RoleAssignment,
  Template,
  Domain,
  AccessGrant,
  ValidationChallenge,
  ApiKey,
  AuditLog,
  PlatformConfig,
  WebhookEvent,
  ZoneSnapshot,
  RecordIdPinRow,
  RecordStampRow,
  ZoneCommitIntent,
  DnssecKey,
  ZoneBaselineRow,
  ZoneBaselineRRSetRow,
  ZoneDriftFinding,
];
