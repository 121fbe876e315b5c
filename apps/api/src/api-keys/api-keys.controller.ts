import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ApiKeyService, type Caller } from '@app/identity';
import { CurrentCaller, JwtOnly, RequirePermission } from '../auth/auth.decorators';
import { pageOf, pageParams } from '../common/query.dto';
import {
  ApiKeyDto,
  ApiKeyPageDto,
  ApiKeySecretDto,
  CreateApiKeyDto,
  ListApiKeysQueryDto,
  RevokeApiKeyDto,
  toApiKeyDto,
  toApiKeySecretDto,
  UpdateApiKeyDto,
} from './api-key.dto';

/** Your API keys. Managed with a user token only: an API key cannot manage keys. */
@ApiTags('api-keys')
@JwtOnly()
@Controller('api-keys')
export class ApiKeysController {
  constructor(private readonly keys: ApiKeyService) {}

  /** Your keys, newest first (revoked ones only with include_revoked). */
  @Get()
  @RequirePermission('api_keys:read')
  async list(
    @CurrentCaller() caller: Caller,
    @Query() query: ListApiKeysQueryDto,
  ): Promise<ApiKeyPageDto> {
    const { page, pageSize } = pageParams(query);
    const result = await this.keys.list(caller, {
      includeRevoked: query.include_revoked === 'true' || query.include_revoked === '1',
      page,
      pageSize,
    });
    return pageOf(result.data, result.total, query, toApiKeyDto);
  }

  /** Creates a key; the secret is in this answer and never again. */
  @Post()
  @HttpCode(200)
  @RequirePermission('api_keys:create')
  async create(
    @CurrentCaller() caller: Caller,
    @Body() body: CreateApiKeyDto,
  ): Promise<ApiKeySecretDto> {
    const { key, secret } = await this.keys.create(caller, {
      name: body.name,
      description: body.description ?? null,
      permissionSource: body.permission_source,
      permissionSourceId: body.permission_source_id,
      scopes: body.scopes ?? null,
      rateLimit: body.rate_limit ?? null,
      ipWhitelist: body.ip_whitelist ?? null,
      expiresAt: body.expires_at ?? null,
    });
    return toApiKeySecretDto(key, secret);
  }

  /** One of your API keys (never its secret). */
  @Get(':id')
  @RequirePermission('api_keys:read')
  async get(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.keys.get(caller, id));
  }

  /** Changes name, description, rate_limit, ip_whitelist or expires_at. */
  @Patch(':id')
  @RequirePermission('api_keys:update')
  async update(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: UpdateApiKeyDto,
  ): Promise<ApiKeyDto> {
    const key = await this.keys.update(caller, id, {
      name: body.name,
      description: body.description,
      rateLimit: body.rate_limit,
      ipWhitelist: body.ip_whitelist,
      expiresAt: body.expires_at,
    });
    return toApiKeyDto(key);
  }

  /** Deletes a key; it stops working at once. */
  @Delete(':id')
  @HttpCode(204)
  @RequirePermission('api_keys:delete')
  async delete(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<void> {
    await this.keys.delete(caller, id);
  }

  /** A new secret for the key; the old secret stops working at once. */
  @Post(':id/regenerate')
  @HttpCode(200)
  @RequirePermission('api_keys:update')
  async regenerate(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ApiKeySecretDto> {
    const { key, secret } = await this.keys.regenerate(caller, id);
    return toApiKeySecretDto(key, secret);
  }

  /** Revokes a key (with an optional reason); it stops working at once. */
  @Post(':id/revoke')
  @HttpCode(200)
  @RequirePermission('api_keys:update')
  async revoke(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
    @Body() body: RevokeApiKeyDto,
  ): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.keys.revoke(caller, id, body.reason ?? null));
  }

  /** Re-activates a revoked key. */
  @Post(':id/activate')
  @HttpCode(200)
  @RequirePermission('api_keys:update')
  async activate(
    @CurrentCaller() caller: Caller,
    @Param('id', ParseUUIDPipe) id: string,
  ): Promise<ApiKeyDto> {
    return toApiKeyDto(await this.keys.activate(caller, id));
  }
}
