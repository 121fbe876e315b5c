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
  Res,
} from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type AppConfig, InjectConfig } from '@app/core';
import type { Response } from 'express';
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

  /**
   * The pending challenge: the TXT record to publish and until when; `null` when nothing is pending
   * (an active zone, or a challenge validated, cancelled or expired).
   */
  @Get()
  @ApiOkResponse({ type: ValidationDto, description: 'The pending challenge, or null' })
  @RequirePermission('domains:read', ON_DOMAIN)
  async get(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Res() res: Response,
  ): Promise<void> {
    const challenge = await this.validation.pending(zone);
    // Sent by hand: Nest answers a null result with an empty body, and clients parse JSON `null`.
    res
      .status(200)
      .json(
        challenge ? toValidationDto(challenge, this.config.validation.challengeTtlSeconds) : null,
      );
  }

  /** A new challenge (cancels the open one): `validation_type` `txt_record` (default) or `nameservers`. */
  @Post()
  @HttpCode(200)
  @RequirePermission('domains:create', ON_DOMAIN)
  async renew(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetZone() zone: ZoneAccess,
    @Body() body: NewValidationDto,
  ): Promise<ValidationDto> {
    const challenge = await this.validation.renew(
      zone,
      body.validation_type ?? body.type ?? 'txt_record',
    );
    return toValidationDto(challenge, this.config.validation.challengeTtlSeconds);
  }

  /**
   * Looks the challenge up in DNS now: the domain's NS, then each authoritative server directly.
   * Always 200 when a check ran: `is_valid` true (the domain is now active) or false with the reason.
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
    return {
      is_valid: outcome.validated,
      message: outcome.message,
      validation_id: outcome.challenge?.id ?? null,
    };
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
