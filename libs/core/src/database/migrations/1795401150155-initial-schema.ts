import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * TypeORM keeps the expressions of generated columns in its own table (`typeorm_metadata`) and compares
 * them with the entities; without these rows `migration:generate` would want to re-create both columns.
 * The generated migration named the database literally (`scaidns_schema_dev`.`typeorm_metadata`); these
 * rows use DATABASE() so the migration runs on any database.
 */
const GENERATED_COLUMNS = [
  { table: 'roles', name: 'scope_key', value: "ifnull(rtrim(`tenant_id`),'system')" },
  { table: 'role_assignments', name: 'scope_key', value: "ifnull(rtrim(`scope_id`),'platform')" },
] as const;

/**
 * The application schema exactly as the entities in `../entities` describe it: generated with
 * `migration:generate` against an empty database, then tidied (one column per line, InnoDB with
 * utf8mb4 / utf8mb4_unicode_ci on every table whatever the database default is, a shorter `down`).
 * Seed data is in the next migration.
 */
export class InitialSchema1795401150155 implements MigrationInterface {
  name = 'InitialSchema1795401150155';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE \`partners\` (
        \`id\` char(36) NOT NULL,
        \`scaikey_id\` varchar(64) NOT NULL,
        \`name\` varchar(255) NOT NULL,
        \`slug\` varchar(128) NULL,
        \`status\` varchar(16) NOT NULL DEFAULT 'active',
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        UNIQUE INDEX \`uq_partners_scaikey_id\` (\`scaikey_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`tenants\` (
        \`id\` char(36) NOT NULL,
        \`scaikey_id\` varchar(64) NOT NULL,
        \`partner_id\` char(36) NULL,
        \`name\` varchar(255) NOT NULL,
        \`slug\` varchar(128) NULL,
        \`status\` varchar(16) NOT NULL DEFAULT 'active',
        \`settings\` json NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        UNIQUE INDEX \`uq_tenants_slug\` (\`slug\`),
        UNIQUE INDEX \`uq_tenants_scaikey_id\` (\`scaikey_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`templates\` (
        \`id\` char(36) NOT NULL,
        \`tenant_id\` char(36) NULL,
        \`name\` varchar(255) NOT NULL,
        \`description\` text NULL,
        \`template_type\` varchar(16) NOT NULL DEFAULT 'custom',
        \`records\` json NOT NULL,
        \`variables\` json NOT NULL,
        \`created_by\` char(36) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`idx_templates_tenant_id\` (\`tenant_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`domains\` (
        \`id\` char(36) NOT NULL,
        \`tenant_id\` char(36) NOT NULL,
        \`name\` varchar(253) NOT NULL,
        \`unicode_name\` varchar(253) NOT NULL,
        \`domain_type\` varchar(16) NOT NULL,
        \`status\` varchar(32) NOT NULL DEFAULT 'pending_validation',
        \`previous_status\` varchar(32) NULL,
        \`pdns_zone_id\` varchar(255) NULL,
        \`default_ttl\` int NOT NULL DEFAULT '3600',
        \`description\` text NULL,
        \`settings\` json NULL,
        \`cidr\` varchar(64) NULL,
        \`dnssec_enabled\` tinyint NOT NULL DEFAULT 0,
        \`dnssec_status\` varchar(16) NOT NULL DEFAULT 'disabled',
        \`dnssec_algorithm\` smallint NULL,
        \`template_id\` char(36) NULL,
        \`validated_at\` datetime(6) NULL,
        \`deleted_at\` datetime(6) NULL,
        \`created_by\` char(36) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`idx_domains_tenant_id_name\` (\`tenant_id\`, \`name\`),
        INDEX \`idx_domains_tenant_id_dnssec_enabled\` (\`tenant_id\`, \`dnssec_enabled\`),
        INDEX \`idx_domains_tenant_id_domain_type\` (\`tenant_id\`, \`domain_type\`),
        INDEX \`idx_domains_tenant_id_status\` (\`tenant_id\`, \`status\`),
        UNIQUE INDEX \`uq_domains_name\` (\`name\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`roles\` (
        \`id\` char(36) NOT NULL,
        \`tenant_id\` char(36) NULL,
        \`scope_key\` varchar(36) AS (ifnull(rtrim(\`tenant_id\`),'system')) STORED,
        \`name\` varchar(64) NOT NULL,
        \`display_name\` varchar(128) NULL,
        \`description\` text NULL,
        \`is_system\` tinyint NOT NULL DEFAULT 0,
        \`permissions\` json NOT NULL,
        \`created_by\` char(36) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        UNIQUE INDEX \`uq_roles_scope_key_name\` (\`scope_key\`, \`name\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`access_grants\` (
        \`id\` char(36) NOT NULL,
        \`tenant_id\` char(36) NOT NULL,
        \`domain_id\` char(36) NOT NULL,
        \`grantee_type\` varchar(16) NOT NULL,
        \`grantee_id\` char(36) NOT NULL,
        \`role_id\` char(36) NOT NULL,
        \`record_pattern\` varchar(255) NULL,
        \`record_types\` json NULL,
        \`expires_at\` datetime(6) NULL,
        \`notes\` text NULL,
        \`created_by\` char(36) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`idx_access_grants_grantee\` (\`grantee_type\`, \`grantee_id\`),
        INDEX \`idx_access_grants_domain_id\` (\`domain_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`users\` (
        \`id\` char(36) NOT NULL,
        \`scaikey_id\` varchar(64) NOT NULL,
        \`tenant_id\` char(36) NOT NULL,
        \`email\` varchar(255) NOT NULL,
        \`display_name\` varchar(255) NULL,
        \`status\` varchar(16) NOT NULL DEFAULT 'active',
        \`last_login_at\` datetime(6) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`idx_users_email\` (\`email\`),
        UNIQUE INDEX \`uq_users_tenant_id_email\` (\`tenant_id\`, \`email\`),
        UNIQUE INDEX \`uq_users_scaikey_id\` (\`scaikey_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`api_keys\` (
        \`id\` char(36) NOT NULL,
        \`tenant_id\` char(36) NOT NULL,
        \`user_id\` char(36) NOT NULL,
        \`name\` varchar(255) NOT NULL,
        \`description\` text NULL,
        \`key_prefix\` varchar(32) NOT NULL,
        \`key_hash\` varchar(128) NOT NULL,
        \`status\` varchar(16) NOT NULL DEFAULT 'active',
        \`permission_source\` varchar(16) NOT NULL,
        \`permission_source_id\` char(36) NOT NULL,
        \`scopes\` json NULL,
        \`rate_limit\` int NULL,
        \`ip_whitelist\` json NULL,
        \`expires_at\` datetime(6) NULL,
        \`last_used_at\` datetime(6) NULL,
        \`last_used_ip\` varchar(45) NULL,
        \`use_count\` bigint NOT NULL DEFAULT '0',
        \`revoked_at\` datetime(6) NULL,
        \`revoked_reason\` varchar(512) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`idx_api_keys_user_id\` (\`user_id\`),
        INDEX \`idx_api_keys_tenant_id_status\` (\`tenant_id\`, \`status\`),
        UNIQUE INDEX \`uq_api_keys_key_prefix\` (\`key_prefix\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`audit_logs\` (
        \`id\` char(36) NOT NULL,
        \`tenant_id\` char(36) NULL,
        \`actor_type\` varchar(16) NOT NULL,
        \`actor_id\` varchar(64) NULL,
        \`actor_email\` varchar(255) NULL,
        \`action\` varchar(64) NOT NULL,
        \`resource_type\` varchar(64) NOT NULL,
        \`resource_id\` varchar(255) NULL,
        \`resource_name\` varchar(255) NULL,
        \`details\` json NULL,
        \`ip_address\` varchar(45) NULL,
        \`user_agent\` varchar(512) NULL,
        \`request_id\` varchar(64) NULL,
        \`timestamp\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        INDEX \`idx_audit_logs_timestamp\` (\`timestamp\`),
        INDEX \`idx_audit_logs_resource\` (\`resource_type\`, \`resource_id\`),
        INDEX \`idx_audit_logs_action\` (\`action\`),
        INDEX \`idx_audit_logs_actor\` (\`actor_type\`, \`actor_id\`),
        INDEX \`idx_audit_logs_tenant_id_timestamp\` (\`tenant_id\`, \`timestamp\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`groups\` (
        \`id\` char(36) NOT NULL,
        \`scaikey_id\` varchar(64) NOT NULL,
        \`tenant_id\` char(36) NOT NULL,
        \`name\` varchar(255) NOT NULL,
        \`description\` text NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        UNIQUE INDEX \`uq_groups_scaikey_id\` (\`scaikey_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`group_memberships\` (
        \`id\` char(36) NOT NULL,
        \`group_id\` char(36) NOT NULL,
        \`member_type\` varchar(16) NOT NULL,
        \`member_id\` char(36) NOT NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        INDEX \`idx_group_memberships_member\` (\`member_type\`, \`member_id\`),
        UNIQUE INDEX \`uq_group_memberships_group_member\` (\`group_id\`, \`member_type\`, \`member_id\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`platform_config\` (
        \`key\` varchar(128) NOT NULL,
        \`value\` json NULL,
        \`description\` text NULL,
        \`updated_by\` char(36) NULL,
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        PRIMARY KEY (\`key\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`role_assignments\` (
        \`id\` char(36) NOT NULL,
        \`role_id\` char(36) NOT NULL,
        \`principal_type\` varchar(16) NOT NULL,
        \`principal_id\` char(36) NOT NULL,
        \`scope_type\` varchar(16) NOT NULL,
        \`scope_id\` char(36) NULL,
        \`scope_key\` varchar(36) AS (ifnull(rtrim(\`scope_id\`),'platform')) STORED,
        \`tenant_id\` char(36) NULL,
        \`created_by\` char(36) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`expires_at\` datetime(6) NULL,
        INDEX \`idx_role_assignments_principal\` (\`principal_type\`, \`principal_id\`),
        UNIQUE INDEX \`uq_role_assignments_role_principal_scope\` (\`role_id\`, \`principal_type\`, \`principal_id\`, \`scope_type\`, \`scope_key\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);
    await queryRunner.query(`
      CREATE TABLE \`validation_challenges\` (
        \`id\` char(36) NOT NULL,
        \`domain_id\` char(36) NOT NULL,
        \`tenant_id\` char(36) NOT NULL,
        \`validation_type\` varchar(16) NOT NULL,
        \`token\` varchar(128) NOT NULL,
        \`record_name\` varchar(255) NOT NULL,
        \`record_value\` varchar(255) NOT NULL,
        \`status\` varchar(16) NOT NULL DEFAULT 'pending',
        \`attempts\` int NOT NULL DEFAULT '0',
        \`last_checked_at\` datetime(6) NULL,
        \`last_error\` text NULL,
        \`expires_at\` datetime(6) NOT NULL,
        \`validated_at\` datetime(6) NULL,
        \`created_by\` char(36) NULL,
        \`created_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
        \`updated_at\` datetime(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
        INDEX \`idx_validation_challenges_status_expires_at\` (\`status\`, \`expires_at\`),
        INDEX \`idx_validation_challenges_domain_id_status\` (\`domain_id\`, \`status\`),
        PRIMARY KEY (\`id\`)
      ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci
    `);

    await queryRunner.query(
      `ALTER TABLE \`tenants\` ADD CONSTRAINT \`fk_tenants_partner_id\` FOREIGN KEY (\`partner_id\`) REFERENCES \`partners\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`templates\` ADD CONSTRAINT \`fk_templates_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`domains\` ADD CONSTRAINT \`fk_domains_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`domains\` ADD CONSTRAINT \`fk_domains_template_id\` FOREIGN KEY (\`template_id\`) REFERENCES \`templates\`(\`id\`) ON DELETE SET NULL ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`roles\` ADD CONSTRAINT \`fk_roles_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`access_grants\` ADD CONSTRAINT \`fk_access_grants_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`access_grants\` ADD CONSTRAINT \`fk_access_grants_domain_id\` FOREIGN KEY (\`domain_id\`) REFERENCES \`domains\`(\`id\`) ON DELETE CASCADE ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`access_grants\` ADD CONSTRAINT \`fk_access_grants_role_id\` FOREIGN KEY (\`role_id\`) REFERENCES \`roles\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`users\` ADD CONSTRAINT \`fk_users_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`api_keys\` ADD CONSTRAINT \`fk_api_keys_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`api_keys\` ADD CONSTRAINT \`fk_api_keys_user_id\` FOREIGN KEY (\`user_id\`) REFERENCES \`users\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`groups\` ADD CONSTRAINT \`fk_groups_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`group_memberships\` ADD CONSTRAINT \`fk_group_memberships_group_id\` FOREIGN KEY (\`group_id\`) REFERENCES \`groups\`(\`id\`) ON DELETE CASCADE ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`role_assignments\` ADD CONSTRAINT \`fk_role_assignments_role_id\` FOREIGN KEY (\`role_id\`) REFERENCES \`roles\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`role_assignments\` ADD CONSTRAINT \`fk_role_assignments_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`validation_challenges\` ADD CONSTRAINT \`fk_validation_challenges_domain_id\` FOREIGN KEY (\`domain_id\`) REFERENCES \`domains\`(\`id\`) ON DELETE CASCADE ON UPDATE RESTRICT`,
    );
    await queryRunner.query(
      `ALTER TABLE \`validation_challenges\` ADD CONSTRAINT \`fk_validation_challenges_tenant_id\` FOREIGN KEY (\`tenant_id\`) REFERENCES \`tenants\`(\`id\`) ON DELETE RESTRICT ON UPDATE RESTRICT`,
    );

    // The migration runner creates this table before running migrations when an entity has a generated
    // column; created here too so the migration does not depend on what the entities of the day contain.
    const metadataTable = queryRunner.connection.metadataTableName;
    await queryRunner.query(
      `CREATE TABLE IF NOT EXISTS \`${metadataTable}\` (\`type\` varchar(255) NOT NULL, \`database\` varchar(255) NULL, \`schema\` varchar(255) NULL, \`table\` varchar(255) NULL, \`name\` varchar(255) NULL, \`value\` text NULL) ENGINE=InnoDB`,
    );
    for (const column of GENERATED_COLUMNS) {
      await queryRunner.query(
        `INSERT INTO \`${metadataTable}\` (\`database\`, \`schema\`, \`table\`, \`type\`, \`name\`, \`value\`) VALUES (NULL, DATABASE(), ?, 'GENERATED_COLUMN', ?, ?)`,
        [column.table, column.name, column.value],
      );
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    const metadataTable = queryRunner.connection.metadataTableName;
    for (const column of GENERATED_COLUMNS) {
      await queryRunner.query(
        `DELETE FROM \`${metadataTable}\` WHERE \`type\` = 'GENERATED_COLUMN' AND \`schema\` = DATABASE() AND \`table\` = ? AND \`name\` = ?`,
        [column.table, column.name],
      );
    }
    await queryRunner.query(
      `ALTER TABLE \`validation_challenges\` DROP FOREIGN KEY \`fk_validation_challenges_tenant_id\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`validation_challenges\` DROP FOREIGN KEY \`fk_validation_challenges_domain_id\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`role_assignments\` DROP FOREIGN KEY \`fk_role_assignments_tenant_id\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`role_assignments\` DROP FOREIGN KEY \`fk_role_assignments_role_id\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`group_memberships\` DROP FOREIGN KEY \`fk_group_memberships_group_id\``,
    );
    await queryRunner.query(`ALTER TABLE \`groups\` DROP FOREIGN KEY \`fk_groups_tenant_id\``);
    await queryRunner.query(`ALTER TABLE \`api_keys\` DROP FOREIGN KEY \`fk_api_keys_user_id\``);
    await queryRunner.query(`ALTER TABLE \`api_keys\` DROP FOREIGN KEY \`fk_api_keys_tenant_id\``);
    await queryRunner.query(`ALTER TABLE \`users\` DROP FOREIGN KEY \`fk_users_tenant_id\``);
    await queryRunner.query(
      `ALTER TABLE \`access_grants\` DROP FOREIGN KEY \`fk_access_grants_role_id\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`access_grants\` DROP FOREIGN KEY \`fk_access_grants_domain_id\``,
    );
    await queryRunner.query(
      `ALTER TABLE \`access_grants\` DROP FOREIGN KEY \`fk_access_grants_tenant_id\``,
    );
    await queryRunner.query(`ALTER TABLE \`roles\` DROP FOREIGN KEY \`fk_roles_tenant_id\``);
    await queryRunner.query(`ALTER TABLE \`domains\` DROP FOREIGN KEY \`fk_domains_template_id\``);
    await queryRunner.query(`ALTER TABLE \`domains\` DROP FOREIGN KEY \`fk_domains_tenant_id\``);
    await queryRunner.query(
      `ALTER TABLE \`templates\` DROP FOREIGN KEY \`fk_templates_tenant_id\``,
    );
    await queryRunner.query(`ALTER TABLE \`tenants\` DROP FOREIGN KEY \`fk_tenants_partner_id\``);
    await queryRunner.query(`DROP TABLE \`validation_challenges\``);
    await queryRunner.query(`DROP TABLE \`role_assignments\``);
    await queryRunner.query(`DROP TABLE \`platform_config\``);
    await queryRunner.query(`DROP TABLE \`group_memberships\``);
    await queryRunner.query(`DROP TABLE \`groups\``);
    await queryRunner.query(`DROP TABLE \`audit_logs\``);
    await queryRunner.query(`DROP TABLE \`api_keys\``);
    await queryRunner.query(`DROP TABLE \`users\``);
    await queryRunner.query(`DROP TABLE \`access_grants\``);
    await queryRunner.query(`DROP TABLE \`roles\``);
    await queryRunner.query(`DROP TABLE \`domains\``);
    await queryRunner.query(`DROP TABLE \`templates\``);
    await queryRunner.query(`DROP TABLE \`tenants\``);
    await queryRunner.query(`DROP TABLE \`partners\``);
  }
}
