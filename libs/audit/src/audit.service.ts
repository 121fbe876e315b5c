import { Injectable } from '@nestjs/common';
import { AuditLog, RequestContext } from '@app/core';
import type { EntityManager } from 'typeorm';
import type { QueryDeepPartialEntity } from 'typeorm/query-builder/QueryPartialEntity';
import { buildAuditEntry } from './audit-entry';
import type { AuditEntryInput } from './audit.types';

/** Writes the audit log. Entries are only ever inserted, never updated or deleted. */
@Injectable()
export class AuditService {
  /**
   * Writes one entry with `manager`, so it commits or rolls back with the change it records: pass
   * the EntityManager of the change's transaction. The request id comes from `input.origin`, else
   * from the current request's context (the API's request-id middleware).
   */
  async record(manager: EntityManager, input: AuditEntryInput): Promise<AuditLog> {
    const entry = buildAuditEntry(input, new Date(), RequestContext.requestId());
    // A plain INSERT: every column is set here, so TypeORM need not read defaults back.
    await manager
      .createQueryBuilder()
      .insert()
      .into(AuditLog)
      .values(entry as QueryDeepPartialEntity<AuditLog>)
      .updateEntity(false)
      .execute();
    return entry;
  }
}
