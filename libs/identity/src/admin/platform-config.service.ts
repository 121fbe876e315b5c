import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { AuditService } from '@app/audit';
import { AppError, PlatformConfig, inTransaction } from '@app/core';
import type { DataSource } from 'typeorm';
import { auditActorOf, auditCallerExtra, auditOriginOf } from '../auth/audit-actor';
import type { Caller } from '../auth/caller';
import { platformConfigProblem } from './platform-config.rules';

/**
 * Platform-wide settings (`platform_config`, seeded by migration). Platform admins read them and
 * change their values; keys are not created or removed here, migrations own the set. Each change is
 * audited as `admin.config` with the value before and after.
 */
@Injectable()
export class PlatformConfigService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  list(): Promise<PlatformConfig[]> {
    return this.dataSource.getRepository(PlatformConfig).find({ order: { key: 'ASC' } });
  }

  async get(key: string): Promise<PlatformConfig> {
    const found = await this.dataSource.getRepository(PlatformConfig).findOneBy({ key });
    if (!found) throw AppError.notFound(`Config key ${key}`);
    return found;
  }

  async update(caller: Caller, key: string, value: unknown): Promise<PlatformConfig> {
    return inTransaction(this.dataSource, async (manager) => {
      const found = await manager.findOne(PlatformConfig, {
        where: { key },
        lock: { mode: 'pessimistic_write' },
      });
      if (!found) throw AppError.notFound(`Config key ${key}`);
      const problem = platformConfigProblem(key, value);
      if (problem) throw AppError.badRequest(problem);
      const before = found.value ?? null;
      await manager.update(
        PlatformConfig,
        { key },
        { value: value as never, updatedBy: caller.userId },
      );
      await this.audit.record(manager, {
        tenantId: null,
        actor: auditActorOf(caller),
        origin: auditOriginOf(caller),
        action: 'admin.config',
        resourceType: 'platform_config',
        resourceId: key,
        resourceName: key,
        before: { value: before },
        after: { value },
        extra: auditCallerExtra(caller),
      });
      return manager.findOneByOrFail(PlatformConfig, { key });
    });
  }
}
