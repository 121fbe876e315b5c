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
import { type AppConfig, AppError, type Domain, InjectConfig } from '@app/core';
import { DomainService, ValidationService } from '@app/domains';
import { AccessService, type Caller } from '@app/identity';
import { CurrentCaller, RequirePermission, TargetDomain } from '../auth/auth.decorators';
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
    private readonly access: AccessService,
  ) {}

  /** The current challenge: the TXT record to publish and until when. */
  @Get()
  @RequirePermission('domains:read', ON_DOMAIN)
  async get(
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
  ): Promise<ValidationDto> {
    return toValidationDto(
      await this.validation.current(domain),
      this.config.validation.challengeTtlSeconds,
    );
  }

  /** A new challenge (cancels the open one): `txt_record` (default) or `nameservers`. */
  @Post()
  @RequirePermission('domains:create', ON_DOMAIN)
  async renew(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
    @Body() body: NewValidationDto,
  ): Promise<ValidationDto> {
    const challenge = await this.validation.renew(caller, domain, body.type ?? 'txt_record');
    return toValidationDto(challenge, this.config.validation.challengeTtlSeconds);
  }

  /**
   * Looks the challenge up in DNS now: the domain's NS, then each authoritative server directly.
   * Success activates the domain (201 → 200 with validated true); failure answers 400 with the reason.
   */
  @Post('check')
  @HttpCode(200)
  @RequirePermission('domains:create', ON_DOMAIN)
  async check(
    @CurrentCaller() caller: Caller,
    @Req() req: AuthenticatedRequest,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
  ): Promise<ValidationCheckResultDto> {
    const access = req.access ?? (await this.access.accessFor(caller));
    const outcome = await this.validation.check(
      caller,
      domain,
      this.domains.mayBypassValidation(caller, access),
    );
    if (!outcome.validated) throw AppError.badRequest(outcome.message);
    return { validated: true, status: outcome.domain.status, message: outcome.message };
  }

  /** Cancels the open challenge. */
  @Delete()
  @HttpCode(204)
  @RequirePermission('domains:create', ON_DOMAIN)
  async cancel(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) _id: string,
    @TargetDomain() domain: Domain,
  ): Promise<void> {
    await this.validation.cancel(caller, domain);
  }
}
