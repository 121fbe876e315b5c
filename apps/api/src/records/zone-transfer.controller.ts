import {
  Body,
  Controller,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Query,
  Res,
} from '@nestjs/common';
import { ApiProduces, ApiTags } from '@nestjs/swagger';
import type { ZoneAccess } from '@app/identity';
import { ZoneTransferService } from '@app/records';
import type { Response } from 'express';
import { RequirePermission, TargetZone } from '../auth/auth.decorators';
import { ExportZoneQueryDto, ImportResultDto, ImportZoneDto } from './zone-transfer.dto';

const ON_DOMAIN = { domainParam: 'id' } as const;

const toRow = (r: { name: string; type: string; content: string; ttl: number }) => ({
  name: r.name,
  type: r.type,
  content: r.content,
  ttl: r.ttl,
});

/** Zone files in and out: BIND, JSON and CSV. */
@ApiTags('records')
@Controller('domains/:id')
export class ZoneTransferController {
  constructor(private readonly transfer: ZoneTransferService) {}

  /**
   * Imports records (one commit; every line is validated first and any error writes nothing). With
   * `preview` it answers the diff and changes nothing. The apex SOA and NS are never imported.
   */
  @Post('import')
  @HttpCode(200)
  @RequirePermission('records:create', ON_DOMAIN)
  async import(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: ImportZoneDto,
  ): Promise<ImportResultDto> {
    const { preview, plan } = await this.transfer.import(zone, {
      format: body.format ?? 'bind',
      content: body.content,
      mode: body.mode ?? 'merge',
      preview: body.preview === true,
    });
    return {
      preview,
      imported_count: plan.added.length + plan.updated.length,
      conflict_count: plan.conflicts.length,
      added: plan.added.map(toRow),
      removed: plan.removed.map(toRow),
      updated: plan.updated.map(toRow),
      unchanged: plan.unchanged.map(toRow),
      skipped: plan.skipped.map((s) => ({ name: s.name, type: s.type, reason: s.reason })),
      conflicts: plan.conflicts,
    };
  }

  /** The zone as a file, for download. */
  @Get('export')
  @ApiProduces('text/dns', 'application/json', 'text/csv')
  @RequirePermission('records:read', ON_DOMAIN)
  async export(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Query() query: ExportZoneQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.transfer.export(zone, query.format ?? 'bind');
    res
      .status(200)
      .setHeader('Content-Type', file.mediaType)
      .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`)
      .send(file.body);
  }
}
