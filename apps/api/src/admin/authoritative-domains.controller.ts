import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthoritativeDomainsService } from '@app/domains';
import type { Caller } from '@app/identity';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import { AuthoritativeDomainsDto } from './authoritative-domains.dto';

/** The domains this instance is authoritative for (used to validate zone transfers). */
@ApiTags('admin')
@Controller('admin/authoritative-domains')
export class AuthoritativeDomainsController {
  constructor(private readonly domains: AuthoritativeDomainsService) {}

  /** The domains the platform is authoritative for. */
  @Get()
  @RequirePermission('admin:read', 'platform')
  async get(): Promise<AuthoritativeDomainsDto> {
    return { domains: await this.domains.get() };
  }

  /** Replaces the list (400 for a name that is not a domain name); audited. */
  @Put()
  @RequirePermission('admin:write', 'platform')
  async put(
    @CurrentCaller() caller: Caller,
    @Body() body: AuthoritativeDomainsDto,
  ): Promise<AuthoritativeDomainsDto> {
    return { domains: await this.domains.replace(caller, body.domains) };
  }
}
