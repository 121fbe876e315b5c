import { Body, Controller, Get, Param, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type Caller, PlatformConfigService } from '@app/identity';
import { CurrentCaller, RequirePermission } from '../auth/auth.decorators';
import {
  PlatformConfigDto,
  PlatformConfigListDto,
  toPlatformConfigDto,
  UpdatePlatformConfigDto,
} from './platform-config.dto';

/** Platform-wide settings (platform admins); every change is audited as `admin.config`. */
@ApiTags('admin')
@Controller('admin/config')
export class PlatformConfigController {
  constructor(private readonly settings: PlatformConfigService) {}

  /** Every platform setting with its value. */
  @Get()
  @RequirePermission('admin:read', 'platform')
  async list(): Promise<PlatformConfigListDto> {
    return { configs: (await this.settings.list()).map(toPlatformConfigDto) };
  }

  /** One platform setting. */
  @Get(':key')
  @RequirePermission('admin:read', 'platform')
  async get(@Param('key') key: string): Promise<PlatformConfigDto> {
    return toPlatformConfigDto(await this.settings.get(key));
  }

  /**
   * Sets a key's value, checked against what the key may hold (400 otherwise). `nameservers` is set
   * with `PUT /admin/nameservers`, which also rewrites every zone, and `authoritative_domains` with
   * `PUT /admin/authoritative-domains`.
   */
  @Patch(':key')
  @RequirePermission('admin:write', 'platform')
  async update(
    @CurrentCaller() caller: Caller,
    @Param('key') key: string,
    @Body() body: UpdatePlatformConfigDto,
  ): Promise<PlatformConfigDto> {
    return toPlatformConfigDto(await this.settings.update(caller, key, body.value));
  }
}
