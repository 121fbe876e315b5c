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
  UploadedFile,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBody, ApiConsumes, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { AppError } from '@app/core';
import type { ZoneAccess } from '@app/identity';
import { type ImportOutcome, type ImportRequest, ZoneTransferService } from '@app/records';
import type { Response } from 'express';
import { RequirePermission, TargetZone } from '../auth/auth.decorators';
import { RequestValidationError } from '../common/request-validation.error';
import { asJsonString, streamText } from '../common/stream-text';
import {
  ExportedZoneDto,
  ExportZoneQueryDto,
  IMPORT_FILE_MAX_BYTES,
  ImportOptionsDto,
  ImportResultDto,
  ImportTextDto,
  ImportZoneDto,
} from './zone-transfer.dto';

const ON_DOMAIN = { domainParam: 'id' } as const;

/** What multer hands over for the `file` part (kept in memory: it is parsed at once). */
interface UploadedZoneFile {
  readonly originalname: string;
  readonly buffer: Buffer;
}

const toRow = (r: { name: string; type: string; content: string; ttl: number }) => ({
  name: r.name,
  type: r.type,
  content: r.content,
  ttl: r.ttl,
});

function toImportResult({ preview, plan }: ImportOutcome): ImportResultDto {
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

function importRequest(
  body: ImportOptionsDto & { content: string },
  preview: boolean,
): ImportRequest {
  return {
    format: body.format ?? 'bind',
    content: body.content,
    mode: body.mode ?? 'merge',
    preview,
  };
}

/** A file's format by its extension, when the form does not say: `.json`, `.csv`, else BIND. */
function formatOfFile(filename: string): ImportRequest['format'] {
  const lower = filename.toLowerCase();
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.csv')) return 'csv';
  return 'bind';
}

function fileText(file: UploadedZoneFile): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file.buffer);
  } catch {
    throw new AppError('BAD_REQUEST', { message: 'The file is not UTF-8 text', field: 'file' });
  }
}

/**
 * Zone files in and out: BIND, JSON and CSV. Every import — pasted text, an uploaded file, a preview —
 * goes through the one import of ZoneTransferService (one commit; every line validated first; the
 * caller's access checked record by record; audited). The apex SOA and NS are never imported.
 */
@ApiTags('records')
@Controller('domains/:id')
export class ZoneTransferController {
  constructor(private readonly transfer: ZoneTransferService) {}

  /** Imports records; with `preview` it answers the diff and changes nothing. */
  @Post('import')
  @HttpCode(200)
  @RequirePermission('records:create', ON_DOMAIN)
  async import(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: ImportZoneDto,
  ): Promise<ImportResultDto> {
    return toImportResult(
      await this.transfer.import(zone, importRequest(body, body.preview === true)),
    );
  }

  /** Imports pasted text (`format`, `mode`, `content`). */
  @Post('import/text')
  @HttpCode(200)
  @RequirePermission('records:create', ON_DOMAIN)
  async importText(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: ImportTextDto,
  ): Promise<ImportResultDto> {
    return toImportResult(await this.transfer.import(zone, importRequest(body, false)));
  }

  /** What an import of this text would change (added, updated, removed, conflicts); changes nothing. */
  @Post('import/preview')
  @HttpCode(200)
  @RequirePermission('records:create', ON_DOMAIN)
  async importPreview(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: ImportTextDto,
  ): Promise<ImportResultDto> {
    return toImportResult(await this.transfer.import(zone, importRequest(body, true)));
  }

  /**
   * Imports an uploaded zone file (multipart/form-data, part `file`, at most 30 MB); `format` and
   * `mode` as form fields or query parameters. Without a format the file's extension decides.
   */
  @Post('import/file')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @ApiBody({
    schema: {
      type: 'object',
      required: ['file'],
      properties: {
        file: { type: 'string', format: 'binary' },
        format: { type: 'string', enum: ['bind', 'json', 'csv'] },
        mode: { type: 'string', enum: ['merge', 'replace', 'skip_existing'] },
      },
    },
  })
  @RequirePermission('records:create', ON_DOMAIN)
  @UseInterceptors(
    FileInterceptor('file', { limits: { fileSize: IMPORT_FILE_MAX_BYTES, files: 1, fields: 10 } }),
  )
  async importFile(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() form: ImportOptionsDto,
    @Query() query: ImportOptionsDto,
    @UploadedFile() file: UploadedZoneFile | undefined,
  ): Promise<ImportResultDto> {
    if (!file) {
      throw new RequestValidationError([
        { loc: ['body', 'file'], msg: 'field required', type: 'value_error.missing' },
      ]);
    }
    const request = importRequest(
      {
        format: form.format ?? query.format ?? formatOfFile(file.originalname),
        mode: form.mode ?? query.mode,
        content: fileText(file),
      },
      false,
    );
    return toImportResult(await this.transfer.import(zone, request));
  }

  /**
   * The zone as JSON: `{domain_id, domain_name, format, zone_file}`, streamed (the zone file is
   * written into its string as it is made).
   */
  @Get('export')
  @ApiOkResponse({ type: ExportedZoneDto })
  @RequirePermission('records:read', ON_DOMAIN)
  async export(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Query() query: ExportZoneQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const format = query.format ?? 'bind';
    const file = await this.transfer.export(zone, format);
    const shape: ExportedZoneDto = {
      domain_id: zone.domain.id,
      domain_name: zone.domain.name,
      format,
      zone_file: '',
    };
    // `…,"zone_file":""}` opened after its quote: the file goes inside, then `"}` closes it.
    const head = JSON.stringify(shape).slice(0, -2);
    res.status(200).setHeader('Content-Type', 'application/json; charset=utf-8');
    await streamText(res, asJsonString(head, file.chunks, '"}'));
  }

  /** The zone file itself, as an attachment (`<zone>.zone`, `.json` or `.csv`), streamed. */
  @Get('export/download')
  @ApiProduces('text/plain', 'application/json', 'text/csv')
  @RequirePermission('records:read', ON_DOMAIN)
  async download(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Query() query: ExportZoneQueryDto,
    @Res() res: Response,
  ): Promise<void> {
    const file = await this.transfer.export(zone, query.format ?? 'bind');
    res
      .status(200)
      .setHeader('Content-Type', file.mediaType)
      .setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    await streamText(res, file.chunks);
  }
}
