import { Body, Controller, Get, Param, ParseIntPipe, Post, Query } from '@nestjs/common';
import { AppError } from '@app/core';
import { Public } from '../../apps/api/src/auth/auth.decorators';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, Max, Min, ValidateNested } from 'class-validator';

class ProbeItem {
  @IsString()
  name: string;
}

export class ProbeBody {
  @IsString()
  name: string;

  @IsInt()
  @Min(60)
  ttl: number;

  @IsOptional()
  @ValidateNested({ each: true })
  @Type(() => ProbeItem)
  items?: ProbeItem[];
}

export class ProbeQuery {
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  page_size?: number;

  @IsOptional()
  @IsIn(['a', 'b'])
  kind?: string;
}

/** Test-only routes that exercise the API shell: validation, error mapping, request ids. */
@Public()
@Controller('probe')
export class ProbeController {
  @Post()
  create(@Body() body: ProbeBody): ProbeBody {
    return body;
  }

  /** Stands for a file-upload route: its body (multipart) is the handler's to read. */
  @Post('import/file')
  upload(): { accepted: boolean } {
    return { accepted: true };
  }

  @Get('query')
  query(@Query() query: ProbeQuery): ProbeQuery {
    return query;
  }

  @Get('items/:n')
  item(@Param('n', ParseIntPipe) n: number): { n: number } {
    return { n };
  }

  @Get('error/:code')
  fail(@Param('code') code: string): never {
    switch (code) {
      case 'not-found':
        throw AppError.notFound('Domain');
      case 'conflict':
        throw AppError.conflict({
          message: 'CNAME conflicts',
          field: 'name',
          conflicts: [{ type: 'A' }],
        });
      case 'upstream':
        throw AppError.upstream('PowerDNS is unavailable: connect ECONNREFUSED');
      default:
        throw new Error('secret internal failure at /srv/app.ts:42');
    }
  }
}
