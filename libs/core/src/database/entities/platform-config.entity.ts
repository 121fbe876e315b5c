import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/**
 * Platform-wide settings edited by platform admins (`/admin/config`). `value` is any JSON value; SQL NULL
 * stands for JSON null ("not set here: use the environment's default"), because TypeORM writes a null
 * property as SQL NULL, never as the JSON text `null`.
 */
@Entity({ name: 'platform_config' })
export class PlatformConfig {
  @PrimaryColumn({ name: 'key', type: 'varchar', length: 128 })
  key: string;

  @Column({ name: 'value', type: 'json', nullable: true })
  value: unknown;

  @Column({ name: 'description', type: 'text', nullable: true })
  description: string | null;

  /** `users.id` of the last editor; NULL for seeded values. */
  @Column({ name: 'updated_by', type: 'char', length: 36, nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'datetime', precision: 6 })
  updatedAt: Date;
}
