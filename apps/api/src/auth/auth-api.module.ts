import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { RateLimitModule } from '@app/core';
import { IdentityModule } from '@app/identity';
import { AccessGrantsController } from '../access-grants/access-grants.controller';
import { ApiKeysController } from '../api-keys/api-keys.controller';
import { MeController } from '../me/me.controller';
import { MeService } from '../me/me.service';
import { RoleAssignmentsController, RolesController } from '../roles/roles.controller';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { AuthController } from './auth.controller';
import { AuthGuard, JwtAuthGuard } from './auth.guard';
import { JwtStrategy } from './jwt.strategy';

/** Authentication (JWT, API keys), the global guard, and the identity and access routes. */
@Module({
  imports: [PassportModule, IdentityModule, RateLimitModule],
  controllers: [
    AuthController,
    MeController,
    ApiKeysController,
    // /roles/assignments must be routed before /roles/{id}.
    RoleAssignmentsController,
    RolesController,
    AccessGrantsController,
  ],
  providers: [
    JwtStrategy,
    JwtAuthGuard,
    AuthFailureLimiter,
    MeService,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [IdentityModule],
})
export class AuthApiModule {}
