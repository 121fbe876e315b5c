import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Post,
  Req,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AppConfig, AppError, InjectConfig } from '@app/core';
import { DomainService, ValidationService } from '@app/domains';
import type { ZoneAccess } from '@app/identity';
import { RequirePermission, TargetZone } from '../auth/auth.decorators';
import type { AuthenticatedRequest } from '../auth/auth.guard';
import {
  NewValidationDto,
  ValidationCheckResultDto,
  ValidationDto,
  toValidationDto,
} from './domain.dto';

const ON_DOMAIN = { domainParam: 'id' } as const;

/** Ownership validation: publish the TXT record, then check (or let the worker check for you). */
@ApiTags('validation')
@Controller('domains/:id/validation')
export class ValidationController {
  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly validation: ValidationService,
    private readonly domains: DomainService,
  ) {}

  /** The current challenge: the TXT record to publish and until when. */
  @Get()
  @RequirePermission('domains:read', ON_DOMAIN)
  async get(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<ValidationDto> {
    return toValidationDto(
      await this.validation.current(zone),
      this.config.validation.challengeTtlSeconds,
    );
  }

  /** A new challenge (cancels the open one): `txt_record` (default) or `nameservers`. */
  @Post()
  @HttpCode(200)
  @RequirePermission('domains:create', ON_DOMAIN)
  async renew(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: NewValidationDto,
  ): Promise<ValidationDto> {
    const challenge = await this.validation.renew(zone, body.type ?? 'txt_record');
    return toValidationDto(challenge, this.config.validation.challengeTtlSeconds);
  }

  /**
   * Looks the challenge up in DNS now: the domain's NS, then each authoritative server directly.
   * Success activates the domain (200 with validated true); failure answers 400 with the reason.
   */
  @Post('check')
  @HttpCode(200)
  @RequirePermission('domains:create', ON_DOMAIN)
  async check(
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<ValidationCheckResultDto> {
    const outcome = await this.validation.check(
      zone,
      !!req.access && !!req.caller && this.domains.mayBypassValidation(req.caller, req.access),
    );
    if (!outcome.validated) throw AppError.badRequest(outcome.message);
    return { validated: true, status: outcome.domain.status, message: outcome.message };
  }

  /** Cancels the open challenge. */
  @Delete()
  @HttpCode(204)
  @RequirePermission('domains:create', ON_DOMAIN)
  async cancel(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
  ): Promise<void> {
    await this.validation.cancel(zone);
  }
}
