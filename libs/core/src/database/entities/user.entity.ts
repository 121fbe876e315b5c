import {
  Column,
  CreateDateColumn,
  Entity,
  Index,
  JoinColumn,
  ManyToOne,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import type { EpochMicros } from '../../time/epoch-micros';
import { bigintAsNumber } from './bigint-number.transformer';
import { Tenant } from './tenant.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const USER_STATUSES = ['active', 'inactive', 'suspended'] as const;
export type UserStatus = (typeof USER_STATUSES)[number];

/** A user's status in ScaiKey itself (ScaiKey deletes softly). */
export const SCAIKEY_USER_STATUSES = ['active', 'suspended', 'deleted'] as const;
export type ScaiKeyUserStatus = (typeof SCAIKEY_USER_STATUSES)[number];

/** Local cache of a ScaiKey user. Deletion in ScaiKey marks the row inactive so audit entries keep a name. */
@Entity({ name: 'users' })
@Index('uq_users_scaikey_id', ['scaikeyId'], { unique: true })
@Index('uq_users_tenant_id_email', ['tenantId', 'email'], { unique: true })
@Index('idx_users_email', ['email'])
export class User extends UuidPrimaryEntity {
  @Column({ name: 'scaikey_id', type: 'varchar', length: 64 })
  scaikeyId: string;

  @Column({ name: 'tenant_id', type: 'char', length: 36 })
  tenantId: string;

  @ManyToOne(() => Tenant, { onDelete: 'RESTRICT', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'tenant_id', foreignKeyConstraintName: 'fk_users_tenant_id' })
  tenant?: Relation<Tenant>;

  /** Stored lowercased by the identity sync; the unicode_ci collation compares case-insensitively anyway. */
  @Column({ name: 'email', type: 'varchar', length: 255 })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 255, nullable: true })
  displayName: string | null;

  /** What ScaiDNS enforces: derived from `scaikeyStatus` and `assigned` by the identity sync. */
  @Column({ name: 'status', type: 'varchar', length: 16, default: 'active' })
  status: UserStatus;

  /** The user's status in ScaiKey, kept apart so a re-assignment can restore the right status. */
  @Column({ name: 'scaikey_status', type: 'varchar', length: 16, default: 'active' })
  scaikeyStatus: ScaiKeyUserStatus;

  /**
   * Whether ScaiKey assigns the user to the ScaiDNS application (SCAIKEY_APPLICATION_ID), directly
   * or through groups. A user signing in with a token is assigned: ScaiKey issued the token.
   */
  @Column({ name: 'assigned', type: 'boolean', default: true })
  assigned: boolean;

  /**
   * ScaiKey's own admin roles of the user (`tenant_admin`, `partner_admin`, `super_admin`; lowercase,
   * sorted), as ScaiKey last told us: a token's role claims at sign-in, a webhook, `scaidns sync`.
   * API keys have no token, so the ScaiDNS roles these imply reach keys through here. null: never told.
   */
  @Column({ name: 'scaikey_roles', type: 'json', nullable: true })
  scaikeyRoles: string[] | null;

  /**
   * When ScaiKey's state that `scaikey_roles` came from was current (EpochMicros): the token's `iat`,
   * the record's `updated_at` or the event's time. Tokens are a source the record stamp knows nothing
   * about, so the roles carry their own stamp: an older token or event never overwrites newer roles.
   */
  @Column({
    name: 'scaikey_roles_updated_us',
    type: 'bigint',
    nullable: true,
    transformer: bigintAsNumber,
  })
  scaikeyRolesUpdatedUs: EpochMicros | null;

  /**
   * ScaiKey's `updated_at` of the state mirrored here, in microseconds since the epoch (EpochMicros:
   * exact, unlike a DATETIME read back as a Date); older events and snapshots are ignored.
   */
  @Column({
    name: 'scaikey_updated_us',
    type: 'bigint',
    nullable: true,
    transformer: bigintAsNumber,
  })
  scaikeyUpdatedUs: EpochMicros | null;

  @Column({ name: 'last_login_at', type: 'datetime', precision: 6, nullable: true })
  lastLoginAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
