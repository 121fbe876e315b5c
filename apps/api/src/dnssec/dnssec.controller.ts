import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { DnssecService } from '@app/dnssec';
import type { ZoneAccess } from '@app/identity';
import { RequirePermission, TargetZone } from '../auth/auth.decorators';
import {
  DisableDnssecDto,
  DnssecActionDto,
  DnssecDto,
  EnableDnssecDto,
  toDnssecActionDto,
  toDnssecDto,
} from './dnssec.dto';

const ON_DOMAIN = { domainParam: 'id' } as const;

/** Signing a zone, its keys, the DS to publish at the parent, and key rolls. */
@ApiTags('dnssec')
@Controller('domains/:id/dnssec')
export class DnssecController {
  constructor(private readonly dnssec: DnssecService) {}

  /** The zone's DNSSEC state: status, keys and the DS records to publish at the parent. */
  @Get()
  @RequirePermission('dnssec:read', ON_DOMAIN)
  async get(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<DnssecDto> {
    return toDnssecDto(await this.dnssec.overview(zone));
  }

  /** Signs an active zone with a new KSK and ZSK; returns the DS records to publish (status `pending_ds`). */
  @Post('enable')
  @HttpCode(200)
  @RequirePermission('dnssec:enable', ON_DOMAIN)
  async enable(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: EnableDnssecDto,
  ): Promise<DnssecActionDto> {
    return toDnssecActionDto('enable', await this.dnssec.enable(zone, body.algorithm));
  }

  /** Unsigns the zone (409 while the parent still publishes its DS, unless `force`). */
  @Post('disable')
  @HttpCode(200)
  @RequirePermission('dnssec:disable', ON_DOMAIN)
  async disable(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: DisableDnssecDto,
  ): Promise<DnssecActionDto> {
    return toDnssecActionDto('disable', await this.dnssec.disable(zone, body.force === true));
  }

  /** Starts a ZSK roll: a new ZSK is pre-published; the worker makes it sign and retires the old. */
  @Post('rotate-zsk')
  @HttpCode(200)
  @RequirePermission('dnssec:rotate', ON_DOMAIN)
  async rotateZsk(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<DnssecActionDto> {
    return toDnssecActionDto('rotate-zsk', await this.dnssec.rotateZsk(zone));
  }

  /** Starts a KSK roll: a new KSK is published and its DS shown beside the current one (`rotating_ksk`). */
  @Post('rotate-ksk')
  @HttpCode(200)
  @RequirePermission('dnssec:rotate', ON_DOMAIN)
  async rotateKsk(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<DnssecActionDto> {
    return toDnssecActionDto('rotate-ksk', await this.dnssec.rotateKsk(zone));
  }

  /** Says the parent now publishes the DS: `pending_ds` becomes `active`; a KSK roll goes on. */
  @Post('confirm-ds-published')
  @HttpCode(200)
  @RequirePermission('dnssec:enable', ON_DOMAIN)
  async confirmDsPublished(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<DnssecActionDto> {
    return toDnssecActionDto('confirm-ds-published', await this.dnssec.confirmDsPublished(zone));
  }
}
