import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

/** `?page=1&page_size=50`: 1-based pages of 1–100 items. */
export class PageQueryDto {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  page?: number;

  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  page_size?: number;
}

/** Query booleans as clients send them: true/false/1/0. */
export const QUERY_BOOLEANS = ['true', 'false', '1', '0'] as const;

export function queryFlag(value: string | undefined): boolean {
  return value === 'true' || value === '1';
}

/** The page envelope of API.md: `{data, total, page, page_size, total_pages}`. */
export function pageOf<S, T>(
  rows: readonly S[],
  total: number,
  query: PageQueryDto,
  map: (row: S) => T,
): { data: T[]; total: number; page: number; page_size: number; total_pages: number } {
  const { page, pageSize } = pageParams(query);
  return {
    data: rows.map(map),
    total,
    page,
    page_size: pageSize,
    total_pages: Math.ceil(total / pageSize),
  };
}

/** An unpaged list, in the same envelope as pages: `{data, total}` (lists are never bare arrays). */
export function listOf<S, T>(rows: readonly S[], map: (row: S) => T): { data: T[]; total: number } {
  return { data: rows.map(map), total: rows.length };
}

/** `page` (default 1) and `page_size` (default 50) of a query. */
export function pageParams(query: PageQueryDto): { page: number; pageSize: number } {
  return { page: query.page ?? 1, pageSize: query.page_size ?? 50 };
}
