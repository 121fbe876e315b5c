import { type KeyObject, randomBytes } from 'node:crypto';
import type { ApplicationRecord, ScaiKeyDirectory, UserRecord } from './directory';
import { encodeJwt, type JwtClaims, type JwtHeader, type JwtSigner } from './jwt';
import {
  createSigningKey,
  type SigningAlgorithm,
  type SigningKey,
  type SigningKeySet,
} from './signing-keys';

export type TokenAlgorithm = SigningAlgorithm | 'HS256' | 'none';

/** How `signToken` makes a token; every field is optional. */
export interface SignTokenOptions {
  /** Seconds from now to `exp`; negative makes an expired token. Default: the access-token TTL. */
  expiresIn?: number;
  /** Header `kid`. Default: the signing key's kid. A kid not in the JWKS → "unknown kid"; null → none. */
  kid?: string | null;
  /**
   * Header `alg` and how the token is signed. Default: the signing key's algorithm. `ES256`/`RS256`
   * without `key` signs with the newest published key of that algorithm. `none` → no signature.
   * `HS256` → HMAC with `hmacSecret`, by default the current public key's PEM (the alg-confusion attack).
   */
  alg?: TokenAlgorithm;
  /**
   * Sign with this key instead of a published one. `'foreign'` = a fresh key pair nobody published
   * (its own kid unless `kid` is given: pass the current kid to forge a "known" kid).
   */
  key?: SigningKey | KeyObject | 'foreign';
  hmacSecret?: string | Buffer;
  /** Extra header members. */
  header?: Record<string, unknown>;
  /** false: no default claims (iss, aud, iat, exp, jti) at all. Default true. */
  defaults?: boolean;
}

export interface UserTokenOptions extends SignTokenOptions {
  /** The client the token is for (its `aud` and `client_id`). Default: the stand-in's application. */
  clientId?: string;
  /** Default `openid profile email offline_access`. */
  scope?: string;
  /** Issue as the user's tenant-scoped issuer instead of the platform issuer. */
  tenantIssuer?: boolean;
  /** Claims to add or override (`undefined` removes one). */
  claims?: JwtClaims;
}

export const DEFAULT_USER_SCOPE = 'openid profile email offline_access';
const ROLE_RANK: Record<string, number> = { tenant_admin: 1, partner_admin: 2, super_admin: 3 };

/** ScaiKey's single `role` claim: the highest admin role, else the first role, else `user`. */
export function primaryRole(roles: readonly string[]): string {
  const admin = [...roles]
    .filter((r) => ROLE_RANK[r] !== undefined)
    .sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a]);
  return admin[0] ?? roles[0] ?? 'user';
}

export interface MinterContext {
  readonly keys: SigningKeySet;
  readonly directory: ScaiKeyDirectory;
  readonly nowMs: () => number;
  readonly platformIssuer: () => string;
  readonly tenantIssuer: (slug: string) => string;
  readonly defaultClientId: () => string;
  readonly accessTokenTtlSeconds: number;
}

/** Builds and signs every token the stand-in hands out, and the ones tests forge. */
export class TokenMinter {
  constructor(private readonly ctx: MinterContext) {}

  nowSeconds(): number {
    return Math.floor(this.ctx.nowMs() / 1000);
  }

  sign(claims: JwtClaims, options: SignTokenOptions = {}): string {
    const now = this.nowSeconds();
    const defaults: JwtClaims =
      options.defaults === false
        ? {}
        : {
            iss: this.ctx.platformIssuer(),
            aud: this.ctx.defaultClientId(),
            iat: now,
            exp: now + (options.expiresIn ?? this.ctx.accessTokenTtlSeconds),
            jti: randomBytes(12).toString('hex'),
          };
    const payload = Object.fromEntries(
      Object.entries({ ...defaults, ...claims }).filter(([, v]) => v !== undefined),
    );
    const { signer, alg, kid } = this.signerFor(options);
    const header: JwtHeader = {
      alg,
      typ: 'JWT',
      ...(kid === null || kid === undefined ? {} : { kid }),
      ...options.header,
    };
    return encodeJwt(header, payload, signer);
  }

  /** An access token for a directory user, exactly as the token endpoint issues one. */
  userToken(userRef: string, options: UserTokenOptions = {}): string {
    const user = this.ctx.directory.getUser(userRef);
    const app = this.ctx.directory.getApplication(options.clientId ?? this.ctx.defaultClientId());
    const issuer = options.tenantIssuer
      ? this.ctx.tenantIssuer(this.ctx.directory.getTenant(user.tenant_id).slug)
      : this.ctx.platformIssuer();
    const claims = this.accessClaims(user, app, options.scope ?? DEFAULT_USER_SCOPE, issuer);
    return this.sign({ ...claims, ...options.claims }, options);
  }

  /** A client_credentials token of an application, as the token endpoint issues one. */
  serviceToken(scope: string, options: SignTokenOptions & { clientId?: string } = {}): string {
    const app = this.ctx.directory.getApplication(options.clientId ?? this.ctx.defaultClientId());
    return this.sign(this.serviceClaims(app, scope, this.ctx.platformIssuer()), options);
  }

  accessClaims(user: UserRecord, app: ApplicationRecord, scope: string, issuer: string) {
    const tenant = this.ctx.directory.getTenant(user.tenant_id);
    return {
      iss: issuer,
      aud: app.client_id,
      sub: user.id,
      scope,
      client_id: app.client_id,
      tenant_id: user.tenant_id,
      tenant_slug: tenant.slug,
      tenant_name: tenant.name,
      partner_id: user.partner_id,
      email: user.email,
      name: user.display_name ?? user.email,
      role: primaryRole(user.roles),
      roles: [...user.roles],
    };
  }

  idTokenClaims(
    user: UserRecord,
    app: ApplicationRecord,
    issuer: string,
    nonce: string | null,
    authTime: number,
  ): JwtClaims {
    return {
      iss: issuer,
      aud: app.client_id,
      sub: user.id,
      auth_time: authTime,
      nonce: nonce ?? undefined,
      email: user.email,
      email_verified: user.email_verified,
      name: user.display_name ?? user.email,
      given_name: user.first_name ?? undefined,
      family_name: user.last_name ?? undefined,
      tenant_id: user.tenant_id,
      partner_id: user.partner_id,
    };
  }

  serviceClaims(app: ApplicationRecord, scope: string, issuer: string): JwtClaims {
    return {
      iss: issuer,
      aud: app.client_id,
      sub: app.client_id,
      client_id: app.client_id,
      scope,
      tenant_id: app.tenant_id ?? undefined,
    };
  }

  private signerFor(options: SignTokenOptions): {
    signer: JwtSigner;
    alg: TokenAlgorithm;
    kid: string | null | undefined;
  } {
    const keys = this.ctx.keys;
    let key: { privateKey: KeyObject; alg: SigningAlgorithm; kid?: string };
    if (options.key === 'foreign') {
      const alg = options.alg === 'ES256' || options.alg === 'RS256' ? options.alg : undefined;
      key = createSigningKey(alg ?? keys.current.alg);
    } else if (options.key && 'privateKey' in options.key) {
      key = options.key;
    } else if (options.key) {
      const alg = options.key.asymmetricKeyType === 'ec' ? 'ES256' : 'RS256';
      key = { privateKey: options.key, alg };
    } else if (options.kid && keys.find(options.kid)) {
      key = keys.find(options.kid) ?? keys.current;
    } else if (options.alg === 'ES256' || options.alg === 'RS256') {
      const newest = keys.newest(options.alg);
      if (!newest) throw new Error(`no published ${options.alg} key: rotateKeys('${options.alg}')`);
      key = newest;
    } else {
      key = keys.current;
    }
    const alg = options.alg ?? key.alg;
    const kid = options.kid === undefined ? key.kid : options.kid;
    if (alg === 'none') return { signer: null, alg, kid };
    if (alg === 'HS256') {
      return { signer: options.hmacSecret ?? keys.current.publicKey, alg, kid };
    }
    return { signer: key.privateKey, alg, kid };
  }
}
