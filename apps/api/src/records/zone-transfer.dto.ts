import { IsBoolean, IsIn, IsOptional, IsString } from 'class-validator';
import { MaxLength } from '../common/text-length';

export const ZONE_FILE_FORMATS = ['bind', 'json', 'csv'] as const;
export const IMPORT_MODES = ['merge', 'replace', 'skip_existing'] as const;

export class ImportZoneDto {
  /** bind (default), json or csv. */
  @IsOptional()
  @IsIn(ZONE_FILE_FORMATS)
  format?: (typeof ZONE_FILE_FORMATS)[number];

  /** The file's text: a BIND zone file, `{"records": [...]}` JSON, or CSV `name,type,content,ttl,disabled`. */
  @IsString()
  @MaxLength(9_000_000)
  content: string;

  /** merge (default): add what is missing; replace: the zone becomes the file; skip_existing: only new names and types. */
  @IsOptional()
  @IsIn(IMPORT_MODES)
  mode?: (typeof IMPORT_MODES)[number];

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
