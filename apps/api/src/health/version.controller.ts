import { Controller, Get } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { BUILD_INFO } from '@app/core';
import { Public } from '../auth/auth.decorators';
import { VersionDto } from './health.dto';

@ApiTags('health')
@Public()
@Controller('version')
export class VersionController {
  /** The running version and the commit it was built from. */
  @Get()
  get(): VersionDto {
    return { version: BUILD_INFO.version, commit: BUILD_INFO.commit };
  }
}
