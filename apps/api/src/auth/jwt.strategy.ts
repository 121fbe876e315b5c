import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { type AppConfig, InjectConfig } from '@app/core';
import {
  ACCEPTED_ALGORITHMS,
  type Caller,
  CallerFactory,
  CLOCK_SKEW_SECONDS,
  JwtVerifier,
  type ScaiKeyClaims,
} from '@app/identity';
import { ExtractJwt, Strategy } from 'passport-jwt';
import type { RequestWithOrigin } from './request-origin';

/**
 * passport-jwt with keys from ScaiKey's JWKS (jwks-rsa, cached as KeyObjects by JwtVerifier):
 * signature, algorithm, audience, expiry and not-before here; the issuer, which comes from ScaiKey's
 * discovery document, and the time claims jsonwebtoken does not insist on (`exp` present, `iat` not
 * in the future), in validate().
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    @InjectConfig() config: AppConfig,
    private readonly verifier: JwtVerifier,
    private readonly callers: CallerFactory,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // jsonwebtoken takes KeyObjects; passport-jwt's types only name strings and Buffers.
      secretOrKeyProvider: (
        _req: unknown,
        rawToken: string,
        done: (e: unknown, k?: string) => void,
      ) => verifier.keyForToken(rawToken, (error, key) => done(error, key as unknown as string)),
      algorithms: ACCEPTED_ALGORITHMS,
      audience: config.scaikey.clientId || undefined,
      jsonWebTokenOptions: { clockTolerance: CLOCK_SKEW_SECONDS },
      passReqToCallback: true,
    });
  }

  async validate(req: RequestWithOrigin, claims: ScaiKeyClaims): Promise<Caller> {
    await this.verifier.assertClaims(claims);
    req.tokenExpiresAt = typeof claims.exp === 'number' ? claims.exp : undefined;
    return this.callers.fromClaims(claims, req.origin);
  }
}
