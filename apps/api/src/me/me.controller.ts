import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity, ApiTags } from '@nestjs/swagger';
import type { Caller } from '@app/identity';
import { CurrentCaller } from '../auth/auth.decorators';
import { MeContextDto, MeDto, PermissionCheckDto, PermissionCheckResultDto } from './me.dto';
import { MeService } from './me.service';

/** The caller, as ScaiDNS sees them. Any authenticated caller may ask. */
@ApiTags('me')
@ApiBearerAuth('bearer')
@ApiSecurity('api_key')
@Controller('me')
export class MeController {
  constructor(private readonly me: MeService) {}

  /** The caller: user, tenant, roles and effective permissions. */
  @Get()
  async get(@CurrentCaller() caller: Caller): Promise<MeDto> {
    return this.me.describe(caller);
  }

  /** The caller's tenant context: the tenant, its partner and what the caller may do there. */
  @Get('context')
  async context(@CurrentCaller() caller: Caller): Promise<MeContextDto> {
    return this.me.context(caller);
  }

  /** Would this permission be granted (on this domain, for this record)? */
  @Post('permissions/check')
  @HttpCode(200)
  async check(
    @CurrentCaller() caller: Caller,
    @Body() body: PermissionCheckDto,
  ): Promise<PermissionCheckResultDto> {
    return { allowed: await this.me.check(caller, body) };
  }
}
