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
import { Domain } from './domain.entity';
import { UuidPrimaryEntity } from './uuid-primary.base';

export const DNSSEC_KEY_ROLES = ['ksk', 'zsk'] as const;
export type DnssecKeyRole = (typeof DNSSEC_KEY_ROLES)[number];

/**
 * Where a key is in its life, as ScaiDNS planned it (PowerDNS's `active`/`published` follow from it):
 * - `incoming`: published, not signing yet (a pre-published ZSK; a new KSK waiting for its DS);
 * - `active`: published and signing;
 * - `retiring`: published, no longer signing, removed once caches can't need it.
 * No state is "signing but unpublished": PowerDNS would serve a bogus zone.
 */
export const DNSSEC_KEY_STATES = ['incoming', 'active', 'retiring'] as const;
export type DnssecKeyState = (typeof DNSSEC_KEY_STATES)[number];

/**
 * A zone's DNSSEC key as ScaiDNS manages it: its role and rollover state. The key material lives in
 * PowerDNS only (`pdns_key_id`); PowerDNS's own `keytype` is derived from which keys are active and
 * can't tell a ZSK from a CSK, so the role is ScaiDNS's.
 */
@Entity({ name: 'dnssec_keys' })
@Index('idx_dnssec_keys_domain_id', ['domainId'])
@Index('idx_dnssec_keys_next_step_at', ['nextStepAt'])
export class DnssecKey extends UuidPrimaryEntity {
  @Column({ name: 'domain_id', type: 'char', length: 36 })
  domainId: string;

  @ManyToOne(() => Domain, { onDelete: 'CASCADE', onUpdate: 'RESTRICT' })
  @JoinColumn({ name: 'domain_id', foreignKeyConstraintName: 'fk_dnssec_keys_domain_id' })
  domain?: Relation<Domain>;

  /** The key's id in PowerDNS (`/cryptokeys/{id}`). */
  @Column({ name: 'pdns_key_id', type: 'int' })
  pdnsKeyId: number;

  @Column({ name: 'role', type: 'varchar', length: 8 })
  role: DnssecKeyRole;

  @Column({ name: 'algorithm', type: 'smallint' })
  algorithm: number;

  @Column({ name: 'key_tag', type: 'int' })
  keyTag: number;

  @Column({ name: 'state', type: 'varchar', length: 16 })
  state: DnssecKeyState;

  /** KSKs: when the parent was seen (or said) to publish this key's DS. */
  @Column({ name: 'ds_seen_at', type: 'datetime', precision: 6, nullable: true })
  dsSeenAt: Date | null;

  /** When the worker may take this key's next rollover step; null: nothing planned. */
  @Column({ name: 'next_step_at', type: 'datetime', precision: 6, nullable: true })
  nextStepAt: Date | null;

  /** When the key is due to be rolled (created + DNSSEC_KSK/ZSK_LIFETIME_DAYS). */
  @Column({ name: 'expires_at', type: 'datetime', precision: 6 })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'datetime', precision: 6 })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
