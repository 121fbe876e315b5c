import { Body, Controller, Get, Put } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { NameserverService } from '@app/domains';
import type { Caller } from '@app/identity';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import { NameserverRolloutDto, NameserversDto } from './nameserver.dto';

/** The platform's authoritative nameservers: the apex NS set and SOA primary of every zone. */
@ApiTags('admin')
@Controller('admin/nameservers')
export class NameserversController {
  constructor(private readonly nameservers: NameserverService) {}

  /** The platform nameservers every zone is served with. */
  @Get()
  @RequirePermission('admin:read', 'platform')
  async get(): Promise<NameserversDto> {
    return { nameservers: await this.nameservers.get() };
  }

  /** Stores the set and rewrites every zone's NS and SOA primary, zone by zone (idempotent). */
  @Put()
  @RequirePermission('admin:write', 'platform')
  async put(
    @CurrentCaller() caller: Caller,
    @Body() body: NameserversDto,
  ): Promise<NameserverRolloutDto> {
    const r = await this.nameservers.replace(caller, body.nameservers);
    return {
      nameservers: r.nameservers,
      zones_total: r.zonesTotal,
      zones_changed: r.zonesChanged,
      zones_failed: r.zonesFailed,
    };
  }
}
