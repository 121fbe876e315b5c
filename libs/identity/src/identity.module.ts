import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AuditModule } from '@app/audit';
import {
  AccessGrant,
  ApiKey,
  Domain,
  Group,
  GroupMembership,
  Partner,
  Role,
  RoleAssignment,
  Tenant,
  User,
} from '@app/core';
import { IdentityAdminService } from './admin/identity-admin.service';
import { PlatformConfigService } from './admin/platform-config.service';
import { ApiKeyService } from './api-keys/api-key.service';
import { ApiKeyUsageTracker } from './api-keys/api-key-usage';
import { CallerCache } from './auth/caller-cache';
import { CallerFactory } from './auth/caller.factory';
import { IdentityDirectoryService } from './auth/identity-directory.service';
import { JwtVerifier } from './auth/jwt-verifier';
import { AccessGrantService } from './grants/access-grant.service';
import { IdentityMirrorService } from './mirror/identity-mirror.service';
import { AccessService } from './rbac/access.service';
import { ScaiKeyRegistrationService } from './registration/scaikey-registration.service';
import { RoleAssignmentService } from './roles/role-assignment.service';
import { RoleService } from './roles/role.service';
import { ScaiKeyClient } from './scaikey/scaikey.client';
import { IdentitySyncService } from './sync/identity-sync.service';

const SERVICES = [
  ScaiKeyClient,
  JwtVerifier,
  IdentityDirectoryService,
  CallerFactory,
  CallerCache,
  AccessService,
  ApiKeyService,
  ApiKeyUsageTracker,
  RoleService,
  RoleAssignmentService,
  AccessGrantService,
  IdentityMirrorService,
  IdentitySyncService,
  IdentityAdminService,
  PlatformConfigService,
  ScaiKeyRegistrationService,
];

@Module({
  imports: [
    AuditModule,
    TypeOrmModule.forFeature([
      User,
      Tenant,
      Partner,
      Group,
      GroupMembership,
      Role,
      RoleAssignment,
      AccessGrant,
      ApiKey,
      Domain,
    ]),
  ],
  providers: SERVICES,
  exports: [...SERVICES, TypeOrmModule],
})
export class IdentityModule {}
