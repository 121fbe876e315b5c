import { IsString, MinLength } from 'class-validator';
import { MaxLength } from '../common/text-length';

export class AuthConfigDto {
  authorization_endpoint: string;
  token_endpoint: string;
  /** ScaiDNS's own `/api/v1/auth/me` (EXTERNAL_URL + `/api/v1/auth/me`). */
  userinfo_endpoint: string;
  end_session_endpoint: string | null;
  jwks_uri: string;
  issuer: string;
  client_id: string;
  scopes: string[];
}

export class TokenRequestDto {
  /** The authorization code ScaiKey returned to your redirect URI. */
  @IsString()
  @MinLength(1)
  @MaxLength(4096)
  code: string;

  /** The PKCE verifier whose S256 challenge you sent to the authorize endpoint. */
  @IsString()
  @MinLength(43)
  @MaxLength(128)
  code_verifier: string;

  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  redirect_uri: string;
}

export class RefreshRequestDto {
  @IsString()
  @MinLength(1)
  @MaxLength(8192)
  refresh_token: string;
}

export class ValidateRequestDto {
  @IsString()
  @MinLength(1)
  @MaxLength(16384)
  token: string;
}

export class TokenResponseDto {
  access_token: string;
  refresh_token: string | null;
  token_type: 'Bearer';
  expires_in: number;
  id_token: string | null;
}

export class StatusOkDto {
  status: 'ok';
}
