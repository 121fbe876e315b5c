import { IsBoolean, IsDefined, IsIn, IsOptional, IsString } from 'class-validator';

export const ZONE_FILE_FORMATS = ['bind', 'json', 'csv'] as const;
export const IMPORT_MODES = ['merge', 'replace', 'skip_existing'] as const;

/**
 * Largest zone file `import/file` takes: a 100k-record zone as JSON is about 13 MB (IMPORT_BODY_LIMIT
 * bounds pasted text likewise).
 */
export const IMPORT_FILE_MAX_BYTES = 30_000_000;

export class ImportOptionsDto {
  /** bind (default), json or csv. */
  @IsOptional()
  @IsIn(ZONE_FILE_FORMATS)
  format?: (typeof ZONE_FILE_FORMATS)[number];

  /** merge (default): add what is missing; replace: the zone becomes the file; skip_existing: only new names and types. */
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: (typeof IMPORT_MODES)[number];
}

/**
 * Pasted text (`import/text`, `import/preview`). `content` has no length rule of its own: the request
 * body limit bounds it, and a missing one is reported as missing.
 */
export class ImportTextDto extends ImportOptionsDto {
  /** The file's text: a BIND zone file, `{"records": [...]}` JSON, or CSV `name,type,content,ttl,disabled`. */
  @IsDefined()
  @IsString()
  content: string;
}

export class ImportZoneDto extends ImportTextDto {
  /** true: answer the diff and change nothing. */
  @IsOptional()
  @IsBoolean()
  preview?: boolean;
}

export class ExportZoneQueryDto {
  @IsOptional()
  @IsIn(ZONE_FILE_FORMATS)
  format?: (typeof ZONE_FILE_FORMATS)[number];
}

export class ExportedZoneDto {
  domain_id: string;
  domain_name: string;
  format: (typeof ZONE_FILE_FORMATS)[number];
  /** The zone in that format. */
  zone_file: string;
}

export class ImportedRecordDto {
  name: string;
  type: string;
  content: string;
  ttl: number;
}

export class ImportConflictDto {
  name: string;
  type: string;
  reason: string;
  content: string[];
}

export class ImportResultDto {
  preview: boolean;
  /** Records written (or, in a preview, that would be). */
  imported_count: number;
  conflict_count: number;
  added: ImportedRecordDto[];
  removed: ImportedRecordDto[];
  updated: ImportedRecordDto[];
  unchanged: ImportedRecordDto[];
  skipped: { name: string; type: string; reason: string }[];
  conflicts: ImportConflictDto[];
}
