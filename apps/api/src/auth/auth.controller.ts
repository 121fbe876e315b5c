import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { type AppConfig, AppError, InjectConfig } from '@app/core';
import { type Caller, JwtVerifier, ScaiKeyClient } from '@app/identity';
import { MeDto } from '../me/me.dto';
import { MeService } from '../me/me.service';
import { CurrentCaller, Public } from './auth.decorators';
import {
  AuthConfigDto,
  RefreshRequestDto,
  StatusOkDto,
  TokenRequestDto,
  TokenResponseDto,
  ValidateRequestDto,
} from './auth.dto';

const OAUTH_SCOPES = ['openid', 'profile', 'email'];

/** Sign-in through ScaiKey (authorization code with PKCE); ScaiDNS is the confidential client. */
@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    @InjectConfig() private readonly appConfig: AppConfig,
    private readonly scaikey: ScaiKeyClient,
    private readonly verifier: JwtVerifier,
    private readonly me: MeService,
  ) {}

  /**
   * What a client needs to start the OAuth flow against ScaiKey. The user-info endpoint is ScaiDNS's
   * own `/auth/me` (ScaiKey's claims merged with the caller's roles here), not ScaiKey's.
   */
  @Public()
  @Get('config')
  async config(): Promise<AuthConfigDto> {
    const d = await this.scaikey.discovery();
    return {
      authorization_endpoint: d.authorization_endpoint,
      token_endpoint: d.token_endpoint,
      userinfo_endpoint: `${this.appConfig.http.externalUrl.replace(/\/+$/, '')}/api/v1/auth/me`,
      end_session_endpoint: d.end_session_endpoint ?? null,
      jwks_uri: d.jwks_uri,
      issuer: d.issuer,
      client_id: this.scaikey.clientId,
      scopes: OAUTH_SCOPES,
    };
  }

  /** Exchanges an authorization code (with its PKCE verifier) for tokens, through ScaiKey. */
  @Public()
  @Post('token')
  @HttpCode(200)
  async token(@Body() body: TokenRequestDto): Promise<TokenResponseDto> {
    return this.toResponse(
      await this.scaikey.exchangeCode({
        code: body.code,
        codeVerifier: body.code_verifier,
        redirectUri: body.redirect_uri,
      }),
    );
  }

  /** A new token pair; the refresh token is rotated (the old one is spent). */
  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Body() body: RefreshRequestDto): Promise<TokenResponseDto> {
    return this.toResponse(await this.scaikey.refresh(body.refresh_token));
  }

  /** Ends the session on our side (tokens are stateless; the client discards them). */
  @Public()
  @Post('logout')
  @HttpCode(200)
  logout(): StatusOkDto {
    return { status: 'ok' };
  }

  /** Checks a token as a request's token is checked; answers its claims when valid. */
  @Public()
  @Post('validate')
  @HttpCode(200)
  async validate(@Body() body: ValidateRequestDto): Promise<Record<string, unknown>> {
    try {
      const claims = await this.verifier.verify(body.token);
      await this.verifier.assertClaims(claims);
      return { valid: true, ...claims };
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
        return { valid: false, reason: error.message };
      }
      throw error;
    }
  }

  /** The caller: user, tenant, roles and effective permissions. */
  @Get('me')
  async whoami(@CurrentCaller() caller: Caller): Promise<MeDto> {
    return this.me.describe(caller);
  }

  private toResponse(t: {
    access_token: string;
    refresh_token?: string;
    expires_in: number;
    id_token?: string;
  }): TokenResponseDto {
    return {
      access_token: t.access_token,
      refresh_token: t.refresh_token ?? null,
      token_type: 'Bearer',
      expires_in: t.expires_in,
      id_token: t.id_token ?? null,
    };
  }
}
