import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { ZoneDriftFinding } from '@app/core';
import { DriftService } from '@app/domains';
import type { Caller } from '@app/identity';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import { queryFlag } from '../common/query.dto';
import {
  DriftFindingDto,
  DriftFindingListDto,
  DriftFixDto,
  DriftScanDto,
  ListDriftQueryDto,
} from './drift.dto';

function toDto(f: ZoneDriftFinding): DriftFindingDto {
  return {
    id: f.id,
    kind: f.kind,
    zone: f.zone,
    domain_id: f.domainId,
    tenant_id: f.tenantId,
    rrsets: f.rrsets,
    rrset_count: f.rrsetCount,
    found_at: f.foundAt,
    resolved_at: f.resolvedAt,
    resolution: f.resolution,
  };
}

/**
 * Drift: edits made in PowerDNS behind ScaiDNS's back. The worker scans every
 * DRIFT_SCAN_INTERVAL_SECONDS; these find and fix on demand (platform admins).
 */
@ApiTags('admin')
@Controller('admin/drift')
export class DriftController {
  constructor(private readonly drift: DriftService) {}

  /** Open findings, newest first (`include_resolved` adds the ended ones). */
  @Get()
  @RequirePermission('admin:read', 'platform')
  async list(@Query() query: ListDriftQueryDto): Promise<DriftFindingListDto> {
    const data = (
      await this.drift.list({ includeResolved: queryFlag(query.include_resolved) })
    ).map(toDto);
    return { data, total: data.length };
  }

  /** Scans every zone now; new findings are audited as zone.drift. */
  @Post('scan')
  @HttpCode(200)
  @RequirePermission('admin:write', 'platform')
  async scan(): Promise<DriftScanDto> {
    const { durationMs, ...report } = await this.drift.scan();
    return { ...report, duration_ms: durationMs };
  }

  /**
   * Fixes an open finding: `adopt` or `revert` (a missing zone can only be reverted: made again;
   * an unknown zone takes neither, 409). Audited as zone.drift.adopt or zone.drift.revert.
   */
  @Post(':id/fix')
  @HttpCode(200)
  @RequirePermission('admin:write', 'platform')
  async fix(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: DriftFixDto,
  ): Promise<DriftFindingDto> {
    return toDto(await this.drift.fix(id, body.action, caller));
  }
}
