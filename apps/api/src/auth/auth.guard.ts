import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { InjectRepository } from '@nestjs/typeorm';
import {
  type AppConfig,
  AppError,
  Domain,
  DomainCache,
  InjectConfig,
  Metrics,
  type LimitedKey,
  outcomeOf,
  RateLimiter,
  type RateLimitResult,
  RequestContext,
  rateLimitHeaders,
  settledOutcome,
  valueOf,
} from '@app/core';
import {
  AccessService,
  ApiKeyService,
  type Caller,
  CallerCache,
  clientIp,
  hasRecordAccess,
  IpMatcher,
  isAllowed,
  type Permission,
  RECORD_PERMISSIONS,
  recordAccess,
  type PrincipalAccess,
  type AccessTarget,
  ZoneAccess,
} from '@app/identity';
import type { Response } from 'express';
import type { Repository } from 'typeorm';
import { isUUID } from 'class-validator';
import { RequestValidationError } from '../common/request-validation.error';
import {
  IS_PUBLIC,
  JWT_ONLY,
  type PermissionScope,
  REQUIRED_PERMISSION,
  type RequestWithCaller,
  type RequiredPermission,
} from './auth.decorators';
import { AuthFailureLimiter } from './auth-failure-limiter';
import type { RequestWithOrigin } from './request-origin';

/** What the guard leaves on the request for controllers. */
export type AuthenticatedRequest = RequestWithCaller &
  RequestWithOrigin & { access?: PrincipalAccess };

/**
 * The id of the domain a domain-scoped route is about: its route parameter, or its body field (a
 * missing or malformed one is a 422 now, as the body's validation would answer).
 */
function domainNamed(req: AuthenticatedRequest, scope: Exclude<PermissionScope, string>): unknown {
  if ('domainParam' in scope) return req.params[scope.domainParam];
  const value: unknown = (req.body as Record<string, unknown> | undefined)?.[scope.domainBody];
  if (typeof value !== 'string' || !isUUID(value)) {
    throw new RequestValidationError([
      value === undefined
        ? { loc: ['body', scope.domainBody], msg: 'field required', type: 'value_error.missing' }
        : {
            loc: ['body', scope.domainBody],
            msg: `${scope.domainBody} must be a UUID`,
            type: 'isUuid',
          },
    ]);
  }
  return value;
}

/** The token of an `Authorization: Bearer …` header. */
function bearerToken(authorization: string | undefined): string | undefined {
  return /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '')?.[1];
}

type RememberedCaller = NonNullable<ReturnType<CallerCache['remembered']>>;

/** What a remembered caller's look at the limits counted (null: nothing, the address was refused). */
interface Counted {
  readonly key: string;
  readonly result: RateLimitResult | null;
}

/** passport-jwt behind Nest's AuthGuard, with its failures turned into our 401 details. */
@Injectable()
export class JwtAuthGuard extends PassportAuthGuard('jwt') {
  override handleRequest<T>(error: unknown, user: T, info: unknown): T {
    if (error instanceof AppError) throw error;
    if (info instanceof AppError) throw info;
    if (user) return user;
    const message = info instanceof Error ? info.message : '';
    if (/expired/i.test(message)) throw new AppError('UNAUTHENTICATED', 'Token has expired');
    if (/not active/i.test(message))
      throw new AppError('UNAUTHENTICATED', 'Token is not valid yet');
    if (/audience/i.test(message))
      throw new AppError('UNAUTHENTICATED', 'Token audience is not accepted');
    if (/algorithm/i.test(message))
      throw new AppError('UNAUTHENTICATED', 'Token algorithm is not accepted');
    if (/signature/i.test(message))
      throw new AppError('UNAUTHENTICATED', 'Token signature is invalid');
    if (/No auth token/i.test(message)) throw new AppError('UNAUTHENTICATED', 'Not authenticated');
    throw new AppError(
      'UNAUTHENTICATED',
      message ? `Token is invalid: ${message}` : 'Token is invalid',
    );
  }
}

/**
 * The global guard, deny by default: every route needs a JWT or an API key unless @Public();
 * then the caller's rate limit; then the route's @RequirePermission, checked against the caller's
 * tenant, the platform, or the domain named in the route (invisible domains are 404).
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly trustedProxies: IpMatcher;

  constructor(
    @InjectConfig() private readonly config: AppConfig,
    private readonly reflector: Reflector,
    private readonly jwt: JwtAuthGuard,
    private readonly apiKeys: ApiKeyService,
    private readonly access: AccessService,
    private readonly callerCache: CallerCache,
    private readonly limiter: RateLimiter,
    private readonly authFailures: AuthFailureLimiter,
    private readonly domainCache: DomainCache,
    @InjectRepository(Domain) private readonly domains: Repository<Domain>,
    private readonly metrics: Metrics,
  ) {
    this.trustedProxies = new IpMatcher(config.http.trustedProxies);
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    return RequestContext.timed('auth', () => this.guard(context));
  }

  /** Everything canActivate does for a route that isn't public (timed as Server-Timing `auth`). */
  private async guard(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const res = context.switchToHttp().getResponse<Response>();
    req.origin = {
      ip: clientIp(
        req.socket.remoteAddress ?? '',
        req.header('x-forwarded-for'),
        this.trustedProxies,
      ),
      userAgent: req.header('user-agent')?.slice(0, 512) ?? null,
      requestId:
        typeof (req as { id?: unknown }).id === 'string' ? (req as { id: string }).id : null,
    };

    const required = this.reflector.getAllAndOverride<RequiredPermission | undefined>(
      REQUIRED_PERMISSION,
      targets,
    );
    const remembered = this.rememberedCaller(req);
    const counted = remembered
      ? await this.guardRemembered(context, req, res, required, remembered)
      : null;
    if (counted === true) return true;

    const caller = await this.authenticate(context, req, res);
    req.caller = caller;
    if (caller.apiKey) this.metrics.apiKeyUsage.inc();
    // The rate limit, the caller's access and the route's domain don't depend on each other: read
    // them at once, then judge in order (429 before 403 before 404).
    const domainId =
      required && typeof required.scope === 'object' ? domainNamed(req, required.scope) : undefined;
    const [, access, domain] = await Promise.all([
      this.applyRateLimit(caller, res, counted),
      required ? this.access.accessFor(caller) : undefined,
      this.domainOf(required, domainId),
    ]);
    this.judge(context, req, caller, required, access, domain);
    return true;
  }

  /** A bearer token's caller as this process remembers it (see CallerCache's `remembered`). */
  private rememberedCaller(req: AuthenticatedRequest): RememberedCaller | null {
    if (req.header('x-api-key')) return null;
    const token = bearerToken(req.header('authorization'));
    return token ? this.callerCache.remembered(token, req.origin) : null;
  }

  /**
   * A token this process has verified before: all the guard asks Redis goes out at once, for the
   * caller the token had (one round trip where the long way makes two): the failed-authentication
   * limiter's verdict together with the caller's rate limit (counted only when that verdict lets the
   * request through), whether the RBAC generation the caller was remembered under is current, the
   * caller's access, the route's domain. Then all is judged in the usual order. A caller that is no
   * longer current is not used at all: the request goes the long way, with what was counted against
   * the rate limit (so it is not counted twice).
   */
  private async guardRemembered(
    context: ExecutionContext,
    req: AuthenticatedRequest,
    res: Response,
    required: RequiredPermission | undefined,
    remembered: RememberedCaller,
  ): Promise<true | Counted> {
    const { caller } = remembered;
    // A malformed domain id in the body is a 422, but not before authentication is judged.
    const domainId = outcomeOf(() =>
      required && typeof required.scope === 'object' ? domainNamed(req, required.scope) : undefined,
    );
    const limit = this.rateLimitOf(caller);
    const [limits, current, access, domain] = await Promise.all([
      this.authFailures.lookAlong(req.origin.ip, limit),
      remembered.current(),
      settledOutcome(required ? this.access.accessFor(caller) : undefined),
      'value' in domainId ? settledOutcome(this.domainOf(required, domainId.value)) : domainId,
    ]);
    this.authFailures.assertAllowed(limits.guard, res);
    if (!current) return { key: limit.key, result: limits.counted };
    req.caller = caller;
    if ('error' in domainId) throw domainId.error;
    if (limits.counted) this.judgeRateLimit(caller, limits.counted, res);
    this.judge(context, req, caller, required, valueOf(access), valueOf(domain));
    return true;
  }

  /** The route's domain (null when it names none, or none that is visible). */
  private domainOf(
    required: RequiredPermission | undefined,
    domainId: unknown,
  ): Promise<Domain | null> | null {
    return typeof domainId === 'string' && typeof required?.scope === 'object'
      ? this.findDomain(domainId, required.scope.includeDeleted === true)
      : null;
  }

  /** After the rate limit: what only user tokens may do (403), then the route's permission. */
  private judge(
    context: ExecutionContext,
    req: AuthenticatedRequest,
    caller: Caller,
    required: RequiredPermission | undefined,
    access: PrincipalAccess | undefined,
    domain: Domain | null,
  ): void {
    const targets = [context.getHandler(), context.getClass()];
    if (caller.apiKey && this.reflector.getAllAndOverride<boolean>(JWT_ONLY, targets)) {
      throw new AppError('FORBIDDEN', 'API keys cannot manage API keys; use a user token');
    }
    if (required && access) this.authorize(req, caller, required, access, domain);
  }

  /**
   * The caller of the request's credentials. An address over its limit of failed authentications
   * gets 429 before its credentials are looked at (AuthFailureLimiter); each refused credential
   * counts against it.
   */
  private async authenticate(
    context: ExecutionContext,
    req: AuthenticatedRequest,
    res: Response,
  ): Promise<Caller> {
    const apiKey = req.header('x-api-key');
    const authorization = req.header('authorization');
    if (!apiKey && !authorization) {
      throw new AppError('UNAUTHENTICATED', 'Not authenticated: send a Bearer token or X-API-Key');
    }
    await this.authFailures.assertMayAuthenticate(req.origin.ip, res);
    try {
      return await this.verifyCredentials(context, req, apiKey, authorization);
    } catch (error) {
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED') {
        await this.authFailures.recordFailure(req.origin.ip);
      }
      throw error;
    }
  }

  private async verifyCredentials(
    context: ExecutionContext,
    req: AuthenticatedRequest,
    apiKey: string | undefined,
    authorization: string | undefined,
  ): Promise<Caller> {
    if (apiKey) return this.apiKeys.authenticate(apiKey.trim(), req.origin);
    const verify = async () => {
      await this.jwt.canActivate(context);
      return { caller: req.user as Caller, expiresAt: req.tokenExpiresAt };
    };
    const token = bearerToken(authorization);
    if (!token) return (await verify()).caller;
    return this.callerCache.resolve(token, req.origin, verify);
  }

  /** The caller's rate limit: its API key's, or its user's. */
  private rateLimitOf(caller: Caller): LimitedKey {
    return caller.apiKey
      ? {
          key: `key:${caller.apiKey.id}`,
          limitPerMinute: caller.apiKey.rateLimit ?? this.config.rateLimit.apiKeyPerMinute,
        }
      : { key: `user:${caller.userId}`, limitPerMinute: this.config.rateLimit.userPerMinute };
  }

  /** Counts the request against the caller's rate limit, unless `counted` already did. */
  private async applyRateLimit(caller: Caller, res: Response, counted: Counted | null) {
    const limit = this.rateLimitOf(caller);
    const result =
      counted?.key === limit.key && counted.result
        ? counted.result
        : await this.limiter.consume(limit.key, limit.limitPerMinute);
    this.judgeRateLimit(caller, result, res);
  }

  /** The rate limit's headers, and 429 when it refused. */
  private judgeRateLimit(caller: Caller, result: RateLimitResult, res: Response): void {
    for (const [name, value] of Object.entries(rateLimitHeaders(result)))
      res.setHeader(name, value);
    if (!result.allowed) {
      this.metrics.rateLimitRefusals.labels(caller.apiKey ? 'api_key' : 'user').inc();
      throw new AppError(
        'RATE_LIMITED',
        `Rate limit exceeded: ${result.limit} requests per minute`,
      );
    }
  }

  private authorize(
    req: AuthenticatedRequest,
    caller: Caller,
    required: RequiredPermission,
    access: PrincipalAccess,
    domain: Domain | null,
  ): void {
    req.access = access;
    const now = new Date();
    let target: AccessTarget;
    if (required.scope === 'platform') target = {};
    else if (required.scope === 'tenant')
      target = { tenantId: caller.tenantId, partnerId: caller.partnerId };
    else {
      target = domain
        ? {
            tenantId: domain.tenantId,
            partnerId: domain.tenant?.partnerId ?? null,
            domainId: domain.id,
          }
        : {};
      // Another tenant's domain, a deleted one and a missing one all look the same: 404.
      if (!domain || !isAllowed(access, 'domains:read', target, now))
        throw AppError.notFound('Domain');
      req.zone = ZoneAccess.of(caller, access, domain);
    }
    // On a domain, record permissions may come from grants fenced to some records: the route is open
    // if any record is reachable, and the records code checks each record by name and type.
    const allowed =
      target.domainId && RECORD_PERMISSIONS.includes(required.permission as Permission)
        ? hasRecordAccess(recordAccess(access, required.permission, target, now))
        : isAllowed(access, required.permission, target, now);
    if (!allowed) {
      throw new AppError('FORBIDDEN', `Permission ${required.permission} is required`);
    }
  }

  private async findDomain(id: string, includeDeleted: boolean): Promise<Domain | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    // Every domain route asks: from memory while no domain or tenant has changed (DomainCache), else
    // one query (findOne with a relation costs two and a DISTINCT).
    const domain = await this.domainCache.get(id, () =>
      this.domains
        .createQueryBuilder('d')
        .leftJoinAndSelect('d.tenant', 't')
        .where('d.id = :id', { id })
        .getOne(),
    );
    return domain && (includeDeleted || domain.status !== 'deleted') ? domain : null;
  }
}
