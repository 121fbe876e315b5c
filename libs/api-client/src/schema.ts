/**
 * Generated from openapi.json by scripts/api-client.mjs (`npm run openapi`): do not edit.
 * `npm test` fails when this file and openapi.json disagree.
 */

export interface paths {
  '/api/v1/health/live': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Liveness probe: answers while the process can serve HTTP, whatever its dependencies do.
     * @description **Access:** public; no credentials.
     */
    get: operations['Health_live'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/health/ready': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Readiness probe: 200 when the database, Redis, PowerDNS and ScaiKey's JWKS answer, else 503.
     * @description **Access:** public; no credentials.
     */
    get: operations['Health_ready'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/version': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The running version and the commit it was built from.
     * @description **Access:** public; no credentials.
     */
    get: operations['Version_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/metrics': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Prometheus metrics of the API (every API process, summed, when API_WORKERS > 1), served when
     *     METRICS_ENABLED=true and 404 otherwise. Public, as the health endpoints are: restrict it in the
     *     reverse proxy. No label carries a secret, a user, a key or a raw path.
     * @description **Access:** public; no credentials.
     */
    get: operations['Metrics_scrape'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * What a client needs to start the OAuth flow against ScaiKey. The user-info endpoint is ScaiDNS's
     *     own `/auth/me` (ScaiKey's claims merged with the caller's roles here), not ScaiKey's.
     * @description **Access:** public; no credentials.
     */
    get: operations['Auth_config'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/token': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Exchanges an authorization code (with its PKCE verifier) for tokens, through ScaiKey.
     * @description **Access:** public; no credentials.
     */
    post: operations['Auth_token'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/refresh': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A new token pair; the refresh token is rotated (the old one is spent).
     * @description **Access:** public; no credentials.
     */
    post: operations['Auth_refresh'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/logout': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Ends the session on our side (tokens are stateless; the client discards them).
     * @description **Access:** public; no credentials.
     */
    post: operations['Auth_logout'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/validate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Checks a token as a request's token is checked; answers its claims when valid.
     * @description **Access:** public; no credentials.
     */
    post: operations['Auth_validate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/auth/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller: user, tenant, roles and effective permissions.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    get: operations['Auth_whoami'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller: user, tenant, roles and effective permissions.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    get: operations['Me_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/context': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's tenant context: the tenant, its partner and what the caller may do there.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    get: operations['Me_context'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/me/permissions/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Would this permission be granted (on this domain, for this record)?
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    post: operations['Me_check'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your keys, newest first (revoked ones only with include_revoked).
     * @description **Access:** a user Bearer token (API keys are refused with 403); requires `api_keys:read` in the caller's tenant.
     */
    get: operations['ApiKeys_list'];
    put?: never;
    /**
     * Creates a key; the secret is in this answer and never again.
     * @description **Access:** a user Bearer token (API keys are refused with 403); requires `api_keys:create` in the caller's tenant.
     */
    post: operations['ApiKeys_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One of your API keys (never its secret).
     * @description **Access:** a user Bearer token (API keys are refused with 403); requires `api_keys:read` in the caller's tenant.
     */
    get: operations['ApiKeys_get'];
    put?: never;
    post?: never;
    /**
     * Deletes a key; it stops working at once.
     * @description **Access:** a user Bearer token (API keys are refused with 403); requires `api_keys:delete` in the caller's tenant.
     */
    delete: operations['ApiKeys_delete'];
    options?: never;
    head?: never;
    /**
     * Changes name, description, rate_limit, ip_whitelist or expires_at.
     * @description **Access:** a user Bearer token (API keys are refused with 403); requires `api_keys:update` in the caller's tenant.
     */
    patch: operations['ApiKeys_update'];
    trace?: never;
  };
  '/api/v1/api-keys/{id}/regenerate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * A new secret for the key; the old secret stops working at once.
     * @description **Access:** a user Bearer token (API keys are refused with 403); requires `api_keys:update` in the caller's tenant.
     */
    post: operations['ApiKeys_regenerate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys/{id}/revoke': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Revokes a key (with an optional reason); it stops working at once.
     * @description **Access:** a user Bearer token (API keys are refused with 403); requires `api_keys:update` in the caller's tenant.
     */
    post: operations['ApiKeys_revoke'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/api-keys/{id}/activate': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Re-activates a revoked key.
     * @description **Access:** a user Bearer token (API keys are refused with 403); requires `api_keys:update` in the caller's tenant.
     */
    post: operations['ApiKeys_activate'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/roles/assignments': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The assignments of your tenant's users and groups.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:read` in the caller's tenant.
     */
    get: operations['RoleAssignments_list'];
    put?: never;
    /**
     * Gives a user or group a role at a scope; you need roles:assign there and every permission of the role.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    post: operations['RoleAssignments_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/roles/assignments/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Removes a role assignment.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    delete: operations['RoleAssignments_delete'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/roles': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Built-in and custom roles visible in your tenant.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:read` in the caller's tenant.
     */
    get: operations['Roles_list'];
    put?: never;
    /**
     * A custom role for your tenant, holding only permissions you hold.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:create` in the caller's tenant.
     */
    post: operations['Roles_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/roles/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One role with its permissions.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:read` in the caller's tenant.
     */
    get: operations['Roles_get'];
    put?: never;
    post?: never;
    /**
     * Deletes a custom role that is no longer assigned or granted.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:delete` in the caller's tenant.
     */
    delete: operations['Roles_delete'];
    options?: never;
    head?: never;
    /**
     * Changes a custom role (system roles are read-only).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:update` in the caller's tenant.
     */
    patch: operations['Roles_update'];
    trace?: never;
  };
  '/api/v1/domains/{id}/access-grants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The zone's access grants (expired ones only with include_expired).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `access_grants:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['AccessGrants_list'];
    put?: never;
    /**
     * Grants a user or group a role on this zone, optionally fenced to record names and types.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `access_grants:manage` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['AccessGrants_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/access-grants/{grantId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One access grant of the zone.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `access_grants:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['AccessGrants_get'];
    put?: never;
    post?: never;
    /**
     * Removes an access grant.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `access_grants:manage` on the domain named by `{id}` (another tenant's domain is 404).
     */
    delete: operations['AccessGrants_delete'];
    options?: never;
    head?: never;
    /**
     * Changes a grant's role, fence, expiry or notes.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `access_grants:manage` on the domain named by `{id}` (another tenant's domain is 404).
     */
    patch: operations['AccessGrants_update'];
    trace?: never;
  };
  '/api/v1/admin/audit-logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every tenant's entries (platform admins), or your tenant's; newest first.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `audit:read` in the caller's tenant.
     */
    get: operations['AuditLogs_listAll'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/audit-logs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Any tenant's entry (platform admins), or one of your tenant's.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `audit:read` in the caller's tenant.
     */
    get: operations['AuditLogs_getAny'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit-logs': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your tenant's entries, newest first.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `audit:read` in the caller's tenant.
     */
    get: operations['AuditLogs_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/audit-logs/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One of your tenant's entries.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `audit:read` in the caller's tenant.
     */
    get: operations['AuditLogs_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The domains you may read (your tenant's, and any you hold a grant on).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    get: operations['Domains_list'];
    put?: never;
    /**
     * Creates a zone, pending ownership validation: publish the returned TXT record, then check. With
     *     domains:validation_bypass the zone is created in PowerDNS and active at once. With `template_id`
     *     the template's records are written too (needs records:create): served at once if active, else
     *     held unserved until validation.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:create` in the caller's tenant.
     */
    post: operations['Domains_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/types': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The record types ScaiDNS manages.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    get: operations['Domains_types'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One domain.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['Domains_get'];
    put?: never;
    post?: never;
    /**
     * Soft delete (the zone stops answering; its content is kept and the name stays reserved) or, with
     *     `?hard=true`, removes the PowerDNS zone and the metadata for good.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:delete` on the domain named by `{id}` (another tenant's domain is 404).
     */
    delete: operations['Domains_delete'];
    options?: never;
    head?: never;
    /**
     * Changes description, default_ttl or settings.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:update` on the domain named by `{id}` (another tenant's domain is 404).
     */
    patch: operations['Domains_update'];
    trace?: never;
  };
  '/api/v1/domains/{id}/restore': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Brings a soft-deleted domain back, with every record it had.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:delete` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Domains_restore'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/validation': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The pending challenge: the TXT record to publish and until when; `null` when nothing is pending
     *     (an active zone, or a challenge validated, cancelled or expired).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['Validation_get'];
    put?: never;
    /**
     * A new challenge (cancels the open one): `validation_type` `txt_record` (default) or `nameservers`.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Validation_renew'];
    /**
     * Cancels the open challenge.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    delete: operations['Validation_cancel'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/validation/check': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Looks the challenge up in DNS now: the domain's NS, then each authoritative server directly.
     *     Always 200 when a check ran: `is_valid` true (the domain is now active) or false with the reason.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Validation_check'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/nameservers': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The platform nameservers every zone is served with.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['Nameservers_get'];
    /**
     * Stores the set and rewrites every zone's NS and SOA primary, zone by zone (idempotent).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:write` at platform scope (platform administrators).
     */
    put: operations['Nameservers_put'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reverse-zones/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What zone a network would make, without creating it; 400 with the reason for an unusable prefix.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    post: operations['ReverseZones_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reverse-zones': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Your reverse zones; `search` matches part of the zone's name or network.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    get: operations['ReverseZones_list'];
    put?: never;
    /**
     * Creates the reverse zone of a network, pending validation like any zone (publish the returned TXT
     *     record at the servers the registry delegated the network to); with domains:validation_bypass it
     *     is active at once.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `domains:create` in the caller's tenant.
     */
    post: operations['ReverseZones_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reverse-zones/lookup/{ip}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The PTR of an address, in whichever of your reverse zones holds it.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    get: operations['ReverseZones_lookup'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reverse-zones/{domainId}/ptr': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The zone's PTRs you may read, a page at a time; `search` matches part of the IP or host name.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:read` on the domain named by `{domainId}` (another tenant's domain is 404).
     */
    get: operations['ReverseZones_listPtrs'];
    put?: never;
    /**
     * Sets the PTR of one address (replacing what it had).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{domainId}` (another tenant's domain is 404).
     */
    post: operations['ReverseZones_setPtr'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reverse-zones/{domainId}/ptr/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sets many PTRs at once, atomically: all are written or none.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{domainId}` (another tenant's domain is 404).
     */
    post: operations['ReverseZones_setPtrs'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/reverse-zones/{domainId}/ptr/{ip}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    post?: never;
    /**
     * Removes the PTR of one address.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:delete` on the domain named by `{domainId}` (another tenant's domain is 404).
     */
    delete: operations['ReverseZones_deletePtr'];
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/records': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The records you may read; SOA and apex NS only with include_system.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['Records_list'];
    put?: never;
    /**
     * Adds a record; answered once PowerDNS has committed it.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Records_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/records/bulk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Many records in one commit; atomic unless continue_on_error.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Records_bulk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/records/bulk-delete': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Deletes several records in one commit (all or nothing).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:delete` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Records_bulkDelete'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/records/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Records of this zone whose name or content contains the query.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Records_searchZone'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/records/{recordId}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One record by its id.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['Records_get'];
    put?: never;
    post?: never;
    /**
     * Deletes one record by its id.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:delete` on the domain named by `{id}` (another tenant's domain is 404).
     */
    delete: operations['Records_delete'];
    options?: never;
    head?: never;
    /**
     * Changes content, TTL or disabled; the record keeps its id.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:update` on the domain named by `{id}` (another tenant's domain is 404).
     */
    patch: operations['Records_update'];
    trace?: never;
  };
  '/api/v1/records/search': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Records whose name or content contains the query, in the zones you may read.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); any authenticated caller.
     */
    post: operations['RecordSearch_searchAll'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/import': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Imports records; with `preview` it answers the diff and changes nothing.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['ZoneTransfer_import'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/import/text': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Imports pasted text (`format`, `mode`, `content`).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['ZoneTransfer_importText'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/import/preview': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What an import of this text would change (added, updated, removed, conflicts); changes nothing.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['ZoneTransfer_importPreview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/import/file': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Imports an uploaded zone file (multipart/form-data, part `file`, at most 30 MB); `format` and
     *     `mode` as form fields or query parameters. Without a format the file's extension decides.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['ZoneTransfer_importFile'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/export': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The zone as JSON: `{domain_id, domain_name, format, zone_file}`, streamed (the zone file is
     *     written into its string as it is made).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['ZoneTransfer_export'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/export/download': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The zone file itself, as an attachment (`<zone>.zone`, `.json` or `.csv`), streamed.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['ZoneTransfer_download'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The system templates and your tenant's custom ones.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `templates:read` in the caller's tenant.
     */
    get: operations['Templates_list'];
    put?: never;
    /**
     * Creates a custom template of your tenant; every record and variable is checked first.
     *
     *     Overloaded as the docs describe: a body with `template_id` and `domain_id` (no `records`) applies
     *     that template instead, exactly as `POST /templates/{template_id}/apply` (its permission, body and
     *     answer).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `templates:create` in the caller's tenant.
     */
    post: operations['Templates_create'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates/variables': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The built-in variables every template may use (filled in from the zone).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `templates:read` in the caller's tenant.
     */
    get: operations['Templates_variables'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One template.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `templates:read` in the caller's tenant.
     */
    get: operations['Templates_get'];
    put?: never;
    post?: never;
    /**
     * Deletes a custom template; the records it put in zones stay.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `templates:delete` in the caller's tenant.
     */
    delete: operations['Templates_delete'];
    options?: never;
    head?: never;
    /**
     * Changes a custom template (system templates are read-only); zones it was applied to keep theirs.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `templates:update` in the caller's tenant.
     */
    patch: operations['Templates_update'];
    trace?: never;
  };
  '/api/v1/templates/{id}/required-variables': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The variables an apply of this template must be given.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `templates:read` in the caller's tenant.
     */
    get: operations['Templates_requiredVariables'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates/{id}/preview/{domain_id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * What applying the template to the zone would create, skip and replace; changes nothing.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by `{domain_id}` (another tenant's domain is 404).
     */
    post: operations['Templates_preview'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/templates/{id}/apply': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Applies the template to the zone in one atomic write: records already there are skipped, and a
     *     conflict fails the whole apply unless `on_conflict` is `skip` or `replace`.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `records:create` on the domain named by the body's `domain_id` (another tenant's domain is 404).
     */
    post: operations['Templates_apply'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/dnssec': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The zone's DNSSEC state: status, keys and the DS records to publish at the parent.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `dnssec:read` on the domain named by `{id}` (another tenant's domain is 404).
     */
    get: operations['Dnssec_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/dnssec/enable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Signs an active zone with a new KSK and ZSK; returns the DS records to publish (status `pending_ds`).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `dnssec:enable` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Dnssec_enable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/dnssec/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Unsigns the zone (409 while the parent still publishes its DS, unless `force`).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `dnssec:disable` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Dnssec_disable'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/dnssec/rotate-zsk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Starts a ZSK roll: a new ZSK is pre-published; the worker makes it sign and retires the old.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `dnssec:rotate` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Dnssec_rotateZsk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/dnssec/rotate-ksk': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Starts a KSK roll: a new KSK is published and its DS shown beside the current one (`rotating_ksk`).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `dnssec:rotate` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Dnssec_rotateKsk'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/domains/{id}/dnssec/confirm-ds-published': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Says the parent now publishes the DS: `pending_ds` becomes `active`; a KSK roll goes on.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `dnssec:enable` on the domain named by `{id}` (another tenant's domain is 404).
     */
    post: operations['Dnssec_confirmDsPublished'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/webhooks/scaikey': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Keeps the identity cache current. Authenticated by `X-ScaiKey-Signature` (HMAC-SHA256 of
     *     `<t>.<raw body>` with SCAIKEY_WEBHOOK_SECRET), checked on the raw bytes before anything reads
     *     them: a missing, malformed or wrong signature, or a `t` more than 300 s from now, is 401. Each
     *     `event_id` is applied once. Events about things not yet known here are completed from ScaiKey's
     *     admin API; older events about something newer already applied are skipped.
     * @description **Access:** public; no credentials.
     */
    post: operations['Webhooks_scaikey'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/authoritative-domains': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The domains the platform is authoritative for.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['AuthoritativeDomains_get'];
    /**
     * Replaces the list (400 for a name that is not a domain name); audited.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:write` at platform scope (platform administrators).
     */
    put: operations['AuthoritativeDomains_put'];
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/drift': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Open findings, newest first (`include_resolved` adds the ended ones).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['Drift_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/drift/scan': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Scans every zone now; new findings are audited as zone.drift.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:write` at platform scope (platform administrators).
     */
    post: operations['Drift_scan'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/drift/{id}/fix': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Fixes an open finding: `adopt` or `revert` (a missing zone can only be reverted: made again;
     *     an unknown zone takes neither, 409). Audited as zone.drift.adopt or zone.drift.revert.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:write` at platform scope (platform administrators).
     */
    post: operations['Drift_fix'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/partners': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Partners mirrored from ScaiKey.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['IdentityAdmin_listPartners'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/partners/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * By local id or ScaiKey id (`prt_…`).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['IdentityAdmin_getPartner'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/tenants': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Tenants mirrored from ScaiKey.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['IdentityAdmin_listTenants'];
    put?: never;
    /**
     * Registers a ScaiKey tenant now (normally its first sign-in, a webhook or sync does): 404 when
     *     ScaiKey does not know it, 409 when ScaiDNS does already or the slug is taken.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:write` at platform scope (platform administrators).
     */
    post: operations['IdentityAdmin_addTenant'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/tenants/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One tenant, with its partner and counts.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['IdentityAdmin_getTenant'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Name, slug and status are changed in ScaiKey, then mirrored; settings here.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:write` at platform scope (platform administrators).
     */
    patch: operations['IdentityAdmin_updateTenant'];
    trace?: never;
  };
  '/api/v1/admin/users': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's tenant's users; a platform admin's: every tenant's, or `tenant_id`'s.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    get: operations['IdentityAdmin_listUsers'];
    put?: never;
    /**
     * Creates the user in ScaiKey (in the caller's tenant unless `tenant_id` names another), then
     *     mirrors them. Without a `password` ScaiKey e-mails an invitation.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    post: operations['IdentityAdmin_createUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/users/invite': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Has ScaiKey create the user and e-mail them an invitation, then mirrors them.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    post: operations['IdentityAdmin_inviteUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/users/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * By local id or ScaiKey id (`usr_…`).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    get: operations['IdentityAdmin_getUser'];
    put?: never;
    post?: never;
    /**
     * Disables the user: ScaiKey deletes them softly (it keeps the record) and here they become
     *     inactive: their tokens and API keys stop working on their next request.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    delete: operations['IdentityAdmin_deleteUser'];
    options?: never;
    head?: never;
    /**
     * Changes the user in ScaiKey (e-mail, names, active/suspended), then mirrors the result.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    patch: operations['IdentityAdmin_updateUser'];
    trace?: never;
  };
  '/api/v1/admin/users/{id}/disable': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * As `DELETE /admin/users/{id}`, answering the user as they are now.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    post: operations['IdentityAdmin_disableUser'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/users/{id}/password': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * Sets the user's password in ScaiKey (its password policy applies: 400 when it refuses).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    post: operations['IdentityAdmin_setPassword'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/users/{id}/resend-invite': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    get?: never;
    put?: never;
    /**
     * E-mails the user's invitation again; 409 once they have accepted it.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    post: operations['IdentityAdmin_resendInvite'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/groups': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * The caller's tenant's groups; a platform admin's: every tenant's, or `tenant_id`'s.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    get: operations['IdentityAdmin_listGroups'];
    put?: never;
    /**
     * Creates the group in ScaiKey (in the caller's tenant unless `tenant_id` names another), then mirrors it.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    post: operations['IdentityAdmin_createGroup'];
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/groups/{id}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * A group with its direct members (users and nested groups).
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `roles:assign` in the caller's tenant.
     */
    get: operations['IdentityAdmin_getGroup'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/config': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * Every platform setting with its value.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['PlatformConfig_list'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/api/v1/admin/config/{key}': {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    /**
     * One platform setting.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:read` at platform scope (platform administrators).
     */
    get: operations['PlatformConfig_get'];
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    /**
     * Sets a key's value, checked against what the key may hold (400 otherwise). `nameservers` is set
     *     with `PUT /admin/nameservers`, which also rewrites every zone, and `authoritative_domains` with
     *     `PUT /admin/authoritative-domains`.
     * @description **Access:** a user Bearer token or an API key (`X-API-Key`); requires `admin:write` at platform scope (platform administrators).
     */
    patch: operations['PlatformConfig_update'];
    trace?: never;
  };
}
export type webhooks = Record<string, never>;
export interface components {
  schemas: {
    LiveDto: {
      /** @description Always `ok`. */
      status: string;
    };
    ReadinessChecksDto: {
      /** @description The application database (MariaDB). */
      database: string;
      /** @description Redis (rate limits, caches, job queue). */
      redis: string;
      /** @description The PowerDNS HTTP API. */
      pdns: string;
      /** @description ScaiKey's JWKS (`skipped` while ScaiKey is not configured). */
      scaikey_jwks: string;
    };
    SecondaryStatusDto: {
      /** @description host:port of the secondary's DNS listener. */
      address: string;
      /**
       * @description `ok`: every served zone at the primary's serial; `lagging`: some zones behind or missing;
       *     `unreachable`: it did not answer; `unknown`: no recent report from the worker.
       * @enum {string}
       */
      status: 'lagging' | 'ok' | 'unknown' | 'unreachable';
      /** @description Served zones (the catalog included) it was checked for. */
      zones: number | null;
      in_sync: number | null;
      /** @description Zones it serves at an older serial. */
      behind: number | null;
      /** @description Zones it does not serve. */
      missing: number | null;
      /** @description The most serials a zone is behind. */
      max_serial_lag: number | null;
      /** @description How long the zone lagging longest has been behind (seconds). */
      lag_seconds: number | null;
      /** @description When the worker checked (ISO 8601). */
      checked_at: string | null;
    };
    ReadinessDto: {
      /**
       * @description `ok` when every check passed or was skipped, else `degraded` (and HTTP 503).
       * @enum {string}
       */
      status: 'degraded' | 'ok';
      checks: components['schemas']['ReadinessChecksDto'];
      /** @description One entry per configured secondary (none when SECONDARIES is empty); never affects `status`. */
      secondaries: components['schemas']['SecondaryStatusDto'][];
    };
    VersionDto: {
      /** @description The package version (also the OpenAPI document's `info.version`). */
      version: string;
      /** @description The git commit the apps were built from, or `unknown`. */
      commit: string;
    };
    AuthConfigDto: {
      authorization_endpoint: string;
      token_endpoint: string;
      /** @description ScaiDNS's own `/api/v1/auth/me` (EXTERNAL_URL + `/api/v1/auth/me`). */
      userinfo_endpoint: string;
      end_session_endpoint: string | null;
      jwks_uri: string;
      issuer: string;
      client_id: string;
      scopes: string[];
    };
    TokenRequestDto: {
      /** @description The authorization code ScaiKey returned to your redirect URI. */
      code: string;
      /** @description The PKCE verifier whose S256 challenge you sent to the authorize endpoint. */
      code_verifier: string;
      redirect_uri: string;
    };
    TokenResponseDto: {
      access_token: string;
      refresh_token: string | null;
      token_type: string;
      expires_in: number;
      id_token: string | null;
    };
    RefreshRequestDto: {
      refresh_token: string;
    };
    StatusOkDto: {
      status: string;
    };
    ValidateRequestDto: {
      token: string;
    };
    MeTenantDto: {
      id: string;
      scaikey_id: string;
    };
    MeRoleDto: {
      role: string;
      /** @enum {string} */
      scope_type: 'domain' | 'partner' | 'platform' | 'tenant';
      scope_id: string | null;
      expires_at: string | null;
    };
    MeAuthDto: {
      /**
       * @description `user` (JWT) or `api_key`.
       * @enum {string}
       */
      kind: 'api_key' | 'user';
      api_key_id: string | null;
      /** @description The API key's scopes, when it has any. */
      api_key_scopes: string[] | null;
    };
    MeDto: {
      id: string;
      scaikey_id: string;
      email: string;
      tenant: components['schemas']['MeTenantDto'];
      partner_id: string | null;
      group_ids: string[];
      roles: components['schemas']['MeRoleDto'][];
      /** @description Effective permissions in the caller's tenant. */
      permissions: string[];
      auth: components['schemas']['MeAuthDto'];
    };
    MeContextDto: {
      id: string;
      scaikey_id: string;
      email: string;
      tenant: components['schemas']['MeTenantDto'];
      partner_id: string | null;
      group_ids: string[];
      roles: components['schemas']['MeRoleDto'][];
      /** @description Effective permissions in the caller's tenant. */
      permissions: string[];
      auth: components['schemas']['MeAuthDto'];
      /** @description Effective permissions at platform scope (platform administrators). */
      platform_permissions: string[];
      scaikey_roles: string[];
      token_scopes: string[];
    };
    PermissionCheckDto: {
      /** @description A permission of the catalogue, e.g. `records:create`. */
      permission: string;
      /** Format: uuid */
      domain_id?: string;
      /** @description A record name relative to the zone (`www`, `@`). */
      record_name?: string;
      record_type?: string;
    };
    PermissionCheckResultDto: {
      allowed: boolean;
    };
    ApiKeyDto: {
      id: string;
      name: string;
      description: string | null;
      /** @description The first characters of the secret, to tell keys apart. */
      key_prefix: string;
      /** @enum {string} */
      status: 'active' | 'expired' | 'revoked';
      /** @enum {string} */
      permission_source: 'group' | 'user';
      permission_source_id: string;
      scopes: string[] | null;
      rate_limit: number | null;
      ip_whitelist: string[] | null;
      expires_at: string | null;
      last_used_at: string | null;
      last_used_ip: string | null;
      use_count: number;
      created_at: string;
    };
    ApiKeyPageDto: {
      data: components['schemas']['ApiKeyDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    CreateApiKeyDto: {
      /** @description A name to recognise the key by. */
      name: string;
      description?: string;
      /**
       * @description Whose permissions the key carries: your own (`user`) or one of your groups (`group`).
       * @enum {string}
       */
      permission_source: 'group' | 'user';
      /**
       * Format: uuid
       * @description Your user id, or the id of a group you belong to.
       */
      permission_source_id: string;
      /** @description Narrows the source's permissions (e.g. `records:read`, `records:*`); must be a subset of them. */
      scopes?: string[];
      /** @description Requests per minute for this key (default RATE_LIMIT_API_KEY_PER_MINUTE). */
      rate_limit?: number;
      /** @description IPv4/IPv6 addresses or CIDRs the key may be used from; empty or absent = anywhere. */
      ip_whitelist?: string[];
      /**
       * Format: date-time
       * @description When the key stops working (ISO 8601); absent = never.
       */
      expires_at?: string;
    };
    ApiKeySecretDto: {
      id: string;
      name: string;
      /** @description The secret (`sdk_live_…`): store it now, it is never shown again. */
      key: string;
      /** @enum {string} */
      permission_source: 'group' | 'user';
      permission_source_id: string;
      created_at: string;
    };
    UpdateApiKeyDto: {
      name?: string;
      description?: string | null;
      rate_limit?: number | null;
      ip_whitelist?: string[] | null;
      /** Format: date-time */
      expires_at?: string | null;
    };
    RevokeApiKeyDto: {
      reason?: string;
    };
    RoleAssignmentDto: {
      id: string;
      role_id: string;
      role: string;
      /** @enum {string} */
      principal_type: 'group' | 'user';
      principal_id: string;
      /** @enum {string} */
      scope_type: 'domain' | 'partner' | 'platform' | 'tenant';
      scope_id: string | null;
      expires_at: string | null;
      created_at: string;
    };
    RoleAssignmentListDto: {
      data: components['schemas']['RoleAssignmentDto'][];
      total: number;
    };
    CreateRoleAssignmentDto: {
      /**
       * Format: uuid
       * @description The role's id; or give its name in `role`.
       */
      role_id?: string;
      /** @description The role's name (`tenant_admin`, a custom role's name), instead of role_id. */
      role?: string;
      /** @enum {string} */
      principal_type: 'group' | 'user';
      /** Format: uuid */
      principal_id: string;
      /**
       * @description Where the role applies; `tenant` (your tenant) when absent.
       * @enum {string}
       */
      scope_type?: 'domain' | 'partner' | 'platform' | 'tenant';
      /**
       * Format: uuid
       * @description The partner, tenant or domain id; none for platform scope; your tenant by default.
       */
      scope_id?: string;
      /** Format: date-time */
      expires_at?: string;
    };
    RoleDto: {
      id: string;
      /** @description null for system roles. */
      tenant_id: string | null;
      name: string;
      display_name: string | null;
      description: string | null;
      is_system: boolean;
      permissions: string[];
      created_at: string;
      updated_at: string;
    };
    RoleListDto: {
      data: components['schemas']['RoleDto'][];
      total: number;
    };
    CreateRoleDto: {
      /** @description Lowercase letters, digits and underscores, starting with a letter. */
      name: string;
      display_name?: string;
      description?: string;
      /** @description Permissions of the catalogue (`records:read`, `records:*`); only ones you hold yourself. */
      permissions: string[];
    };
    UpdateRoleDto: {
      name?: string;
      display_name?: string | null;
      description?: string | null;
      permissions?: string[];
    };
    AccessGrantDto: {
      id: string;
      domain_id: string;
      /** @enum {string} */
      grantee_type: 'group' | 'user';
      grantee_id: string;
      /** @description The granted role's name. */
      role: string;
      role_id: string;
      /** @description Glob over record names relative to the zone (`*.dev`, `www`, `@`); null = every record. */
      record_pattern: string | null;
      /** @description Record types covered; null = every type. */
      record_types: string[] | null;
      expires_at: string | null;
      notes: string | null;
      created_at: string;
      updated_at: string;
    };
    AccessGrantListDto: {
      data: components['schemas']['AccessGrantDto'][];
      total: number;
    };
    CreateAccessGrantDto: {
      /** @enum {string} */
      grantee_type: 'group' | 'user';
      /** Format: uuid */
      grantee_id: string;
      /** @description A role name (`record_editor`) or id; only permissions you hold on the domain can be granted. */
      role: string;
      record_pattern?: string | null;
      record_types?: string[] | null;
      /** Format: date-time */
      expires_at?: string | null;
      notes?: string | null;
    };
    UpdateAccessGrantDto: {
      role?: string;
      record_pattern?: string | null;
      record_types?: string[] | null;
      /** Format: date-time */
      expires_at?: string | null;
      notes?: string | null;
    };
    AuditLogDto: {
      id: string;
      /** @description The tenant the change belongs to; null for platform-level changes. */
      tenant_id: string | null;
      /** @enum {string} */
      actor_type: 'api_key' | 'system' | 'user' | 'webhook';
      /** @description The user's id, or the API key's id; null for the system. */
      actor_id: string | null;
      /** @description The user's email (for an API key, its owner's). */
      actor_email: string | null;
      /** @description `<resource>.<verb>`, e.g. `domain.create`, `api_key.revoke`. */
      action: string;
      resource_type: string;
      resource_id: string | null;
      resource_name: string | null;
      /** @description `{before, after}` (null for a create's before or a delete's after), plus action-specific fields. */
      details: {
        [key: string]: unknown;
      } | null;
      ip_address: string | null;
      user_agent: string | null;
      request_id: string | null;
      /** @description When the change was made (ISO 8601, UTC). */
      timestamp: string;
    };
    AuditLogPageDto: {
      /** @description Newest first. */
      data: components['schemas']['AuditLogDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    ValidationRecordDto: {
      name: string;
      type: string;
      value: string;
      /** @description A TTL to publish the record with. */
      ttl: number;
    };
    ValidationDto: {
      /** @description The challenge's id (`validation_id` of a check). */
      id: string;
      /** @enum {string} */
      validation_type: 'nameservers' | 'txt_record';
      /** @enum {string} */
      status: 'cancelled' | 'expired' | 'failed' | 'pending' | 'validated' | 'verifying';
      /** @description The token; the TXT record's value is `scaidns-verify=<challenge_value>`. */
      challenge_value: string;
      dns_record: components['schemas']['ValidationRecordDto'];
      expires_at: string;
      created_at: string;
      attempts: number;
      last_checked_at: string | null;
      last_error: string | null;
    };
    DomainDto: {
      id: string;
      tenant_id: string;
      name: string;
      /** @description The Unicode form of an IDN name (equal to `name` otherwise). */
      unicode_name: string;
      domain_type: string;
      status: string;
      default_ttl: number;
      description: string | null;
      settings: {
        [key: string]: unknown;
      } | null;
      cidr: string | null;
      dnssec_enabled: boolean;
      dnssec_status: string;
      validated_at: string | null;
      deleted_at: string | null;
      created_at: string;
      updated_at: string;
      /** @description The open ownership challenge, on create while the domain is pending. */
      validation?: components['schemas']['ValidationDto'];
    };
    DomainPageDto: {
      data: components['schemas']['DomainDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    RecordTypesDto: {
      types: string[];
    };
    CreateDomainDto: {
      /**
       * @description The zone's name (`example.com`; IDN accepted, stored as punycode). Its length is part of the
       *     name check (at most 253 characters once in punycode: 400 "Invalid domain name" like any bad name).
       */
      name: string;
      /** @enum {string} */
      domain_type?: 'primary' | 'reverse_ipv4' | 'reverse_ipv6' | 'secondary';
      /** @description TTL of the apex SOA and NS, and the default of new records. */
      default_ttl?: number;
      description?: string;
      /** @description For reverse zones: the network (`192.0.2.0/24`). */
      cidr?: string;
      /**
       * Format: uuid
       * @description A template (system, or your tenant's) whose records the new zone gets (GET /templates/).
       */
      template_id?: string;
      /** @description Values of the template's variables (`{"ipv4": "192.0.2.10"}`). */
      template_variables?: {
        [key: string]: string;
      };
    };
    UpdateDomainDto: {
      description?: string | null;
      default_ttl?: number;
      settings?: {
        [key: string]: unknown;
      } | null;
    };
    NewValidationDto: {
      /**
       * @description `txt_record` (default) or `nameservers`.
       * @enum {string}
       */
      validation_type?: 'nameservers' | 'txt_record';
      /**
       * @description Older name of `validation_type`, still accepted.
       * @enum {string}
       */
      type?: 'nameservers' | 'txt_record';
    };
    ValidationCheckResultDto: {
      /** @description True once ownership is proven (the domain is then active). */
      is_valid: boolean;
      /** @description "Domain validated", or why the check failed. */
      message: string;
      /** @description The challenge checked (null when none was: validation bypass, an already active domain). */
      validation_id: string | null;
    };
    NameserversDto: {
      /** @description Host names (`ns1.example.com.`), in order: the first is the SOA primary. */
      nameservers: string[];
    };
    NameserverRolloutDto: {
      nameservers: string[];
      zones_total: number;
      zones_changed: number;
      zones_failed: {
        name: string;
        reason: string;
      }[];
    };
    CidrDto: {
      /** @description `192.0.2.0/24`, `198.51.100.64/26`, `2001:db8:1234::/48`. */
      cidr: string;
    };
    ReverseZonePreviewDto: {
      zone_name: string;
      network: string;
      start_ip: string;
      end_ip: string;
      /** @description A decimal string (IPv6 counts don't fit a JSON number). */
      ip_count: string;
      /** @enum {string} */
      domain_type: 'reverse_ipv4' | 'reverse_ipv6';
    };
    CreateReverseZoneDto: {
      /** @description `192.0.2.0/24`, `198.51.100.64/26`, `2001:db8:1234::/48`. */
      cidr: string;
      default_ttl?: number;
      description?: string;
    };
    PtrLookupDto: {
      domain_id: string;
      zone: string;
      ip: string;
      hostname: string;
      ttl: number;
      name: string;
    };
    PtrListItemDto: {
      /** @description The record's id (as `/domains/{id}/records` shows it). */
      id: string;
      ip: string;
      hostname: string;
      ttl: number;
      name: string;
    };
    PtrPageDto: {
      data: components['schemas']['PtrListItemDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    PtrDto: {
      /** @description An address inside the zone's network. */
      ip: string;
      /** @description A fully qualified host name (`host.example.com.`). */
      hostname: string;
      ttl?: number;
    };
    PtrRecordDto: {
      ip: string;
      hostname: string;
      ttl: number;
      name: string;
    };
    PtrBulkDto: {
      records: components['schemas']['PtrDto'][];
    };
    RecordDto: {
      id: string;
      /** @description Absolute, with the trailing dot. */
      name: string;
      /** @description Relative to the zone (`@` for the apex). */
      display_name: string;
      type: string;
      content: string;
      ttl: number;
      disabled: boolean;
      domain_id: string;
      /** @description When ScaiDNS created the record; null for one it never wrote (edited in PowerDNS directly). */
      created_at: string | null;
    };
    RecordPageDto: {
      data: components['schemas']['RecordDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
      domain_id: string;
      domain_name: string;
    };
    CreateRecordDto: {
      /** @description `@` for the apex, a leaf (`www`), or a name inside the zone; wildcards (`*.dev`) allowed. */
      name: string;
      /** @enum {string} */
      type:
        | 'A'
        | 'AAAA'
        | 'ALIAS'
        | 'CAA'
        | 'CNAME'
        | 'DNAME'
        | 'DS'
        | 'MX'
        | 'NAPTR'
        | 'NS'
        | 'PTR'
        | 'SOA'
        | 'SRV'
        | 'SSHFP'
        | 'TLSA'
        | 'TXT';
      /** @description Zone-file syntax: `192.0.2.1`, `10 mail.example.com.`, `"v=spf1 -all"`. */
      content: string;
      /** @description Seconds; the zone's default TTL when absent. Applies to the whole rrset (name and type). */
      ttl?: number;
      disabled?: boolean;
    };
    BulkCreateRecordsDto: {
      records: components['schemas']['CreateRecordDto'][];
      /** @description false (default): one bad record and nothing is written. true: write the good ones, report the rest. */
      continue_on_error?: boolean;
    };
    BulkErrorDto: {
      index: number;
      message: string;
      field?: string;
    };
    BulkCreateResultDto: {
      total_created: number;
      total_errors: number;
      errors: components['schemas']['BulkErrorDto'][];
      records: components['schemas']['RecordDto'][];
    };
    BulkDeleteRecordsDto: {
      record_ids: string[];
    };
    BulkDeleteResultDto: {
      total_deleted: number;
    };
    SearchRecordsDto: {
      /** @description Text the record's name or content contains (at least 2 characters; case-insensitive). */
      query: string;
      /** @enum {string} */
      type?:
        | 'A'
        | 'AAAA'
        | 'ALIAS'
        | 'CAA'
        | 'CNAME'
        | 'DNAME'
        | 'DS'
        | 'MX'
        | 'NAPTR'
        | 'NS'
        | 'PTR'
        | 'SOA'
        | 'SRV'
        | 'SSHFP'
        | 'TLSA'
        | 'TXT';
      /** @description At most this many results (1–500, default 100). */
      max?: number;
    };
    FoundRecordDto: {
      id: string;
      /** @description Absolute, with the trailing dot. */
      name: string;
      /** @description Relative to the zone (`@` for the apex). */
      display_name: string;
      type: string;
      content: string;
      ttl: number;
      disabled: boolean;
      domain_id: string;
      /** @description When ScaiDNS created the record; null for one it never wrote (edited in PowerDNS directly). */
      created_at: string | null;
      zone: string;
    };
    SearchResultDto: {
      data: components['schemas']['FoundRecordDto'][];
      total: number;
    };
    UpdateRecordDto: {
      content?: string;
      /** @description Applies to the whole rrset (every record of this name and type). */
      ttl?: number;
      disabled?: boolean;
    };
    ImportZoneDto: {
      /** @description true: answer the diff and change nothing. */
      preview?: boolean;
      /** @description The file's text: a BIND zone file, `{"records": [...]}` JSON, or CSV `name,type,content,ttl,disabled`. */
      content: string;
      /**
       * @description bind (default), json or csv.
       * @enum {string}
       */
      format?: 'bind' | 'csv' | 'json';
      /**
       * @description merge (default): add what is missing; replace: the zone becomes the file; skip_existing: only new names and types.
       * @enum {string}
       */
      mode?: 'merge' | 'replace' | 'skip_existing';
    };
    ImportedRecordDto: {
      name: string;
      type: string;
      content: string;
      ttl: number;
    };
    ImportConflictDto: {
      name: string;
      type: string;
      reason: string;
      content: string[];
    };
    ImportResultDto: {
      preview: boolean;
      /** @description Records written (or, in a preview, that would be). */
      imported_count: number;
      conflict_count: number;
      added: components['schemas']['ImportedRecordDto'][];
      removed: components['schemas']['ImportedRecordDto'][];
      updated: components['schemas']['ImportedRecordDto'][];
      unchanged: components['schemas']['ImportedRecordDto'][];
      skipped: {
        name: string;
        type: string;
        reason: string;
      }[];
      conflicts: components['schemas']['ImportConflictDto'][];
    };
    ImportTextDto: {
      /** @description The file's text: a BIND zone file, `{"records": [...]}` JSON, or CSV `name,type,content,ttl,disabled`. */
      content: string;
      /**
       * @description bind (default), json or csv.
       * @enum {string}
       */
      format?: 'bind' | 'csv' | 'json';
      /**
       * @description merge (default): add what is missing; replace: the zone becomes the file; skip_existing: only new names and types.
       * @enum {string}
       */
      mode?: 'merge' | 'replace' | 'skip_existing';
    };
    ExportedZoneDto: {
      domain_id: string;
      domain_name: string;
      /** @enum {string} */
      format: 'bind' | 'csv' | 'json';
      /** @description The zone in that format. */
      zone_file: string;
    };
    TemplateSummaryDto: {
      id: string;
      name: string;
      description: string | null;
      template_type: string;
      tenant_id: string | null;
      record_count: number;
      variable_count: number;
      created_at: string;
      updated_at: string;
    };
    TemplatePageDto: {
      data: components['schemas']['TemplateSummaryDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    TemplateRecordDto: {
      /** @description Relative to the zone: `@`, `www`, `_dmarc`; may hold `${variable}` placeholders. */
      name: string;
      /** @description A record type (A, MX, TXT, CAA, …). */
      type: string;
      /** @description Zone-file syntax (`10 mail.example.com.`, `"v=spf1 -all"`); may hold `${variable}` placeholders. */
      content: string;
      /** @description Seconds (default 3600). */
      ttl?: number;
    };
    TemplateVariableDto: {
      /** @description What `${name}` refers to: a letter or `_`, then letters, digits or `_`. */
      name: string;
      description?: string;
      /** @description A required variable must be given at apply (default false). */
      required?: boolean;
    };
    CreateTemplateDto: {
      name: string;
      description?: string;
      records: components['schemas']['TemplateRecordDto'][];
      variables?: components['schemas']['TemplateVariableDto'][];
    };
    TemplateRecordView: {
      name: string;
      type: string;
      content: string;
      ttl: number;
    };
    TemplateVariableView: {
      name: string;
      description: string;
      required: boolean;
    };
    TemplateDto: {
      id: string;
      name: string;
      description: string | null;
      template_type: string;
      /** @description null for system templates (shared, read-only). */
      tenant_id: string | null;
      records: components['schemas']['TemplateRecordView'][];
      variables: components['schemas']['TemplateVariableView'][];
      record_count: number;
      variable_count: number;
      created_at: string;
      updated_at: string;
    };
    BuiltInVariableDto: {
      name: string;
      description: string;
      /** @description Its value for the zone example.com. */
      example: string;
    };
    BuiltInVariablesDto: {
      variables: components['schemas']['BuiltInVariableDto'][];
    };
    UpdateTemplateDto: {
      name?: string;
      description?: string | null;
      records?: components['schemas']['TemplateRecordDto'][];
      variables?: components['schemas']['TemplateVariableDto'][];
    };
    RequiredVariablesDto: {
      template_id: string;
      /** @description The variables an apply must be given. */
      variables: components['schemas']['TemplateVariableView'][];
      /** @description Every variable the template declares (required or not). */
      all_variables: components['schemas']['TemplateVariableView'][];
      /** @description The built-in variables the template uses (filled in from the zone). */
      built_in: string[];
    };
    PreviewTemplateDto: {
      /** @description Values of the template's variables (`{"ipv4": "192.0.2.10"}`); unknown names are ignored. */
      variables?: {
        [key: string]: string;
      };
      /**
       * @description What to do where the template meets other records (default `fail`: nothing is written).
       * @enum {string}
       */
      on_conflict?: 'fail' | 'replace' | 'skip';
    };
    ExistingRecordsDto: {
      type: string;
      content: string[];
    };
    TemplateConflictDto: {
      name: string;
      type: string;
      /** @description The template's records there. */
      content: string[];
      /** @description The zone's records in the way. */
      existing: components['schemas']['ExistingRecordsDto'][];
      reason: string;
    };
    AppliedRecordDto: {
      /** @description The record's id in the records API (after an apply; absent in a preview). */
      id?: string;
      name: string;
      type: string;
      content: string;
      ttl: number;
    };
    SkippedRecordDto: {
      name: string;
      type: string;
      content: string;
      ttl: number;
      /** @description Why it was not written: already in the zone, in conflict (skip), or an optional variable not given. */
      reason: string;
    };
    PreviewResultDto: {
      preview: boolean;
      /** @description Conflicts with the zone; with `on_conflict: "fail"` any conflict means the apply writes nothing. */
      conflicts: components['schemas']['TemplateConflictDto'][];
      total_conflicts: number;
      template_id: string;
      domain_id: string;
      created_records: components['schemas']['AppliedRecordDto'][];
      skipped_records: components['schemas']['SkippedRecordDto'][];
      /** @description The zone's records removed (`on_conflict: "replace"`). */
      replaced_records: components['schemas']['AppliedRecordDto'][];
      total_created: number;
      total_skipped: number;
      total_replaced: number;
    };
    ApplyTemplateDto: {
      /** @description Values of the template's variables (`{"ipv4": "192.0.2.10"}`); unknown names are ignored. */
      variables?: {
        [key: string]: string;
      };
      /**
       * @description What to do where the template meets other records (default `fail`: nothing is written).
       * @enum {string}
       */
      on_conflict?: 'fail' | 'replace' | 'skip';
      /**
       * Format: uuid
       * @description The zone to apply the template to.
       */
      domain_id: string;
    };
    ApplyResultDto: {
      template_id: string;
      domain_id: string;
      created_records: components['schemas']['AppliedRecordDto'][];
      skipped_records: components['schemas']['SkippedRecordDto'][];
      /** @description The zone's records removed (`on_conflict: "replace"`). */
      replaced_records: components['schemas']['AppliedRecordDto'][];
      total_created: number;
      total_skipped: number;
      total_replaced: number;
    };
    DnssecKeyDto: {
      key_tag: number;
      algorithm: number;
      /** @description The DNSKEY's public key, base64. */
      public_key: string;
      /** @description The whole DNSKEY rdata (`257 3 13 <base64>`). */
      dnskey: string;
      /** @enum {string} */
      key_type: 'KSK' | 'ZSK';
      created_at: string;
      expires_at: string;
      /** @description Signs. */
      active: boolean;
      /** @description Served in the DNSKEY rrset. */
      published: boolean;
      /**
       * @description Rollover state: `incoming` (published, not signing yet), `active`, `retiring` (published, no longer signing).
       * @enum {string}
       */
      state: 'active' | 'incoming' | 'retiring';
      /** @description KSKs: when the parent was seen (or said) to publish this key's DS. */
      ds_seen_at: string | null;
      /** @description When the worker takes this key's next rollover step, if one is planned. */
      next_step_at: string | null;
    };
    DsRecordDto: {
      key_tag: number;
      algorithm: number;
      /** @description Always 2 (SHA-256); SHA-1 is never offered. */
      digest_type: number;
      digest: string;
    };
    DnssecNextStepDto: {
      /**
       * @description What the worker does next: `publish` (a key past its lifetime starts a roll), `check_ds` (ask
       *     the parent for an awaited DS), `ds_seen`, `activate` (the new key signs; the old stops) or
       *     `remove` (a retired key leaves the DNSKEY set).
       * @enum {string}
       */
      step: 'activate' | 'check_ds' | 'ds_seen' | 'publish' | 'remove';
      /** @description When it is due (the current time when it already is; the worker runs every DNSSEC_ROLL_CHECK_INTERVAL_SECONDS). */
      due_at: string;
    };
    DnssecDto: {
      enabled: boolean;
      /** @description `disabled`, `pending_ds`, `active`, `rotating_ksk` or `rotating_zsk`. */
      status: string;
      algorithm: number | null;
      ksk: components['schemas']['DnssecKeyDto'][];
      zsk: components['schemas']['DnssecKeyDto'][];
      /** @description The DS records to publish at the parent (one per published KSK; two during a KSK roll). */
      ds_records: components['schemas']['DsRecordDto'][];
      /** @description The rollover's next automatic step; null when none is planned (unsigned). */
      next_step: components['schemas']['DnssecNextStepDto'] | null;
    };
    EnableDnssecDto: {
      /** @description DNSSEC algorithm number: 8, 10, 13 (the default, DNSSEC_DEFAULT_ALGORITHM), 14 or 15. */
      algorithm?: number;
    };
    DnssecActionDto: {
      enabled: boolean;
      /** @description `disabled`, `pending_ds`, `active`, `rotating_ksk` or `rotating_zsk`. */
      status: string;
      algorithm: number | null;
      ksk: components['schemas']['DnssecKeyDto'][];
      zsk: components['schemas']['DnssecKeyDto'][];
      /** @description The DS records to publish at the parent (one per published KSK; two during a KSK roll). */
      ds_records: components['schemas']['DsRecordDto'][];
      /** @description The rollover's next automatic step; null when none is planned (unsigned). */
      next_step: components['schemas']['DnssecNextStepDto'] | null;
      domain_id: string;
      /** @description `enable`, `disable`, `rotate-zsk`, `rotate-ksk` or `confirm-ds-published`. */
      action: string;
      message: string;
    };
    DisableDnssecDto: {
      /** @description Unsign even while the parent still publishes a DS for the zone (the zone then fails validation until the DS is gone). */
      force?: boolean;
    };
    WebhookRefDto: {
      type: string;
      id: string;
    };
    WebhookEnvelopeDto: {
      /** @description Unique per event; a repeated delivery is answered without being applied again. */
      event_id: string;
      /**
       * @description partner.created|updated|deleted, tenant.created|updated|deleted (deleted suspends the tenant),
       *     user.created|updated|deleted|suspended|activated, group.created|updated|deleted|member_added|
       *     member_removed, application.user_assigned|user_unassigned. Others are acknowledged and ignored.
       */
      event_type: string;
      /** @description When ScaiKey emitted the event (ISO 8601); orders events about the same thing. */
      timestamp: string;
      data: {
        [key: string]: unknown;
      };
      resource?: components['schemas']['WebhookRefDto'];
      actor?: components['schemas']['WebhookRefDto'];
      tenant_id?: string | null;
      partner_id?: string | null;
    };
    WebhookReplyDto: {
      /** @description false: processing failed; the event is stored and the worker retries it with backoff. */
      success: boolean;
      message: string;
      event_id: string;
    };
    AuthoritativeDomainsDto: {
      /**
       * @description Domain names (`example.com`; IDN names may be given in Unicode). Answered lowercase, in
       *     punycode, without the trailing dot, each once; an empty list clears it.
       */
      domains: string[];
    };
    DriftSideDto: {
      ttl: number;
      records: {
        content: string;
        disabled: boolean;
      }[];
    };
    DriftedRRSetDto: {
      /** @description Absolute name with the trailing dot. */
      name: string;
      type: string;
      /** @description As ScaiDNS last committed it; null: ScaiDNS never made it. */
      before: components['schemas']['DriftSideDto'] | null;
      /** @description As PowerDNS holds it; null: PowerDNS no longer has it. */
      after: components['schemas']['DriftSideDto'] | null;
    };
    DriftFindingDto: {
      id: string;
      /**
       * @description `rrsets`: records edited behind ScaiDNS's back; `unknown_zone`: a zone PowerDNS holds that
       *     ScaiDNS does not know; `missing_zone`: a domain's zone PowerDNS no longer has.
       * @enum {string}
       */
      kind: 'missing_zone' | 'rrsets' | 'unknown_zone';
      /** @description The zone's name, with the trailing dot. */
      zone: string;
      /** @description The domain whose zone it is; null for an unknown zone. */
      domain_id: string | null;
      tenant_id: string | null;
      /** @description The rrsets that differ (at most 100; `rrset_count` says how many there are). */
      rrsets: components['schemas']['DriftedRRSetDto'][];
      rrset_count: number;
      /** Format: date-time */
      found_at: string;
      /** Format: date-time */
      resolved_at: string | null;
      /**
       * @description How it ended: adopted, reverted, vanished (undone outside ScaiDNS), superseded (drifted further).
       * @enum {string|null}
       */
      resolution: 'adopted' | 'reverted' | 'superseded' | 'vanished' | null;
    };
    DriftFindingListDto: {
      data: components['schemas']['DriftFindingDto'][];
      total: number;
    };
    DriftScanDto: {
      /** @description Zones PowerDNS holds. */
      zones: number;
      /** @description Of them, zones of ScaiDNS's domains. */
      known: number;
      /** @description Zones whose fingerprint and revision showed no change: not read. */
      skipped: number;
      /** @description Zones read and compared with what ScaiDNS last committed. */
      compared: number;
      /** @description Zones seen for the first time, whose state was taken as their baseline. */
      baselined: number;
      /** @description Findings this scan recorded (each audited as zone.drift). */
      recorded: number;
      /** @description Findings open after the scan. */
      open: number;
      /** @description Findings whose drift this scan saw gone. */
      vanished: number;
      /** @description Whether PowerDNS's database gave per-zone fingerprints (PDNS_DATABASE_URL). */
      fingerprints: boolean;
      duration_ms: number;
    };
    DriftFixDto: {
      /**
       * @description `adopt`: PowerDNS's state becomes ScaiDNS's; `revert`: what ScaiDNS last committed is put back.
       * @enum {string}
       */
      action: 'adopt' | 'revert';
    };
    PartnerDto: {
      id: string;
      scaikey_id: string;
      /** @description The same as `scaikey_id`. */
      scaikey_partner_id: string;
      name: string;
      slug: string | null;
      /**
       * @description `deleted` once ScaiKey deleted it.
       * @enum {string}
       */
      status: 'active' | 'deleted' | 'suspended';
      created_at: string;
      updated_at: string;
    };
    PartnerPageDto: {
      data: components['schemas']['PartnerDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    TenantDto: {
      id: string;
      scaikey_id: string;
      /** @description The same as `scaikey_id`. */
      scaikey_tenant_id: string;
      partner_id: string | null;
      partner_scaikey_id: string | null;
      name: string;
      slug: string | null;
      /**
       * @description `suspended`: its users and keys are refused; its zones keep serving.
       * @enum {string}
       */
      status: 'active' | 'suspended';
      /** @description ScaiDNS's own settings of the tenant. */
      settings: {
        [key: string]: unknown;
      } | null;
      created_at: string;
      updated_at: string;
    };
    TenantPageDto: {
      data: components['schemas']['TenantDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    AddTenantDto: {
      name: string;
      slug: string;
      /** @description The ScaiKey tenant (`tnt_…`) to register now rather than at its first sign-in or sync. */
      scaikey_tenant_id: string;
      /** @description Local or ScaiKey (`prt_…`) id of the tenant's partner in ScaiKey; found there when omitted. */
      partner_id?: string;
      /** @description ScaiDNS's own settings of the tenant (any JSON object). */
      settings?: {
        [key: string]: unknown;
      };
    };
    TenantDetailDto: {
      id: string;
      scaikey_id: string;
      /** @description The same as `scaikey_id`. */
      scaikey_tenant_id: string;
      partner_id: string | null;
      partner_scaikey_id: string | null;
      name: string;
      slug: string | null;
      /**
       * @description `suspended`: its users and keys are refused; its zones keep serving.
       * @enum {string}
       */
      status: 'active' | 'suspended';
      /** @description ScaiDNS's own settings of the tenant. */
      settings: {
        [key: string]: unknown;
      } | null;
      created_at: string;
      updated_at: string;
      user_count: number;
      active_user_count: number;
      group_count: number;
    };
    UpdateTenantDto: {
      /** @description Changed in ScaiKey, then mirrored. */
      name?: string;
      /** @description Changed in ScaiKey, then mirrored. */
      slug?: string;
      /**
       * @description Suspend (its users and keys are refused at once; its zones keep serving) or re-activate, in ScaiKey.
       * @enum {string}
       */
      status?: 'active' | 'suspended';
      /** @description Replaces ScaiDNS's settings of the tenant; null clears them. */
      settings?: {
        [key: string]: unknown;
      } | null;
    };
    UserDto: {
      id: string;
      scaikey_id: string;
      /** @description The same as `scaikey_id`. */
      scaikey_user_id: string;
      tenant_id: string;
      tenant_scaikey_id: string | null;
      email: string;
      /** @description The display name, or the e-mail when there is none. */
      name: string;
      display_name: string | null;
      /**
       * @description What ScaiDNS enforces: `active` only while ScaiKey has the user active and assigned.
       * @enum {string}
       */
      status: 'active' | 'inactive' | 'suspended';
      /**
       * @description The user's status in ScaiKey itself.
       * @enum {string}
       */
      scaikey_status: 'active' | 'deleted' | 'suspended';
      /** @description Whether ScaiKey assigns the user to the ScaiDNS application. */
      assigned: boolean;
      /**
       * @description ScaiKey's own admin roles of the user as ScaiKey last told us (sign-in, webhook, sync); the
       *     ScaiDNS roles they imply reach the user's API keys.
       */
      scaikey_roles: string[];
      /**
       * @description Holds `platform_admin` at platform scope (assigned, through a group, or ScaiKey's super_admin).
       *     Like `is_tenant_admin`, what ScaiDNS would grant now: false while the user is not active.
       */
      is_platform_admin: boolean;
      /**
       * @description Holds `tenant_admin` for their own tenant (assigned at the tenant or its partner, through a
       *     group, or ScaiKey's tenant_admin/partner_admin); platform admins are not tenant admins by this.
       */
      is_tenant_admin: boolean;
      last_login_at: string | null;
      created_at: string;
      updated_at: string;
    };
    UserPageDto: {
      data: components['schemas']['UserDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    CreateUserDto: {
      /**
       * @description The user's first password, checked by ScaiKey's password policy (400 when it refuses); never
       *     stored by ScaiDNS. Without one ScaiKey e-mails an invitation.
       */
      password?: string;
      /** @description Have ScaiKey e-mail an invitation; default: when no password is given. */
      send_invite?: boolean;
      /** @description Local or ScaiKey (`tnt_…`) id of a tenant ScaiDNS knows; the caller's own when omitted. */
      tenant_id?: string;
      /** Format: email */
      email: string;
      display_name?: string;
      first_name?: string;
      last_name?: string;
    };
    InviteUserDto: {
      /** @description Local or ScaiKey (`tnt_…`) id of a tenant ScaiDNS knows; the caller's own when omitted. */
      tenant_id?: string;
      /** Format: email */
      email: string;
      display_name?: string;
      first_name?: string;
      last_name?: string;
    };
    UpdateUserDto: {
      /** Format: email */
      email?: string;
      display_name?: string | null;
      first_name?: string | null;
      last_name?: string | null;
      /**
       * @description Suspend or re-activate the user in ScaiKey (`POST …/disable` deletes).
       * @enum {string}
       */
      status?: 'active' | 'suspended';
    };
    SetPasswordDto: {
      /** @description Checked by ScaiKey's password policy (400 when it refuses); never stored by ScaiDNS. */
      password: string;
    };
    GroupDto: {
      id: string;
      scaikey_id: string;
      /** @description The same as `scaikey_id`. */
      scaikey_group_id: string;
      tenant_id: string;
      tenant_scaikey_id: string | null;
      name: string;
      description: string | null;
      /** @description Direct members (users and nested groups). */
      member_count: number;
      created_at: string;
      updated_at: string;
    };
    GroupPageDto: {
      data: components['schemas']['GroupDto'][];
      total: number;
      page: number;
      page_size: number;
      total_pages: number;
    };
    CreateGroupDto: {
      /** @description Local or ScaiKey (`tnt_…`) id of a tenant ScaiDNS knows; the caller's own when omitted. */
      tenant_id?: string;
      name: string;
      description?: string;
      /**
       * @description ScaiKey's kind of group: SECURITY (default) or DISTRIBUTION_LIST.
       * @enum {string}
       */
      group_type?: 'DISTRIBUTION_LIST' | 'SECURITY';
    };
    GroupMemberDto: {
      /** @enum {string} */
      type: 'group' | 'user';
      id: string;
      scaikey_id: string;
      /** @description The user's e-mail or the group's name. */
      name: string;
    };
    GroupDetailDto: {
      id: string;
      scaikey_id: string;
      /** @description The same as `scaikey_id`. */
      scaikey_group_id: string;
      tenant_id: string;
      tenant_scaikey_id: string | null;
      name: string;
      description: string | null;
      /** @description Direct members (users and nested groups). */
      member_count: number;
      created_at: string;
      updated_at: string;
      members: components['schemas']['GroupMemberDto'][];
    };
    PlatformConfigDto: {
      key: string;
      /** @description Any JSON value; null means "not set here: the environment's setting applies". */
      value: Record<string, never>;
      description: string | null;
      /** @description The platform admin who last changed it; null for the seeded value. */
      updated_by: string | null;
      updated_at: string;
    };
    PlatformConfigListDto: {
      configs: components['schemas']['PlatformConfigDto'][];
    };
    UpdatePlatformConfigDto: {
      /** @description The new value (JSON; null to fall back to the environment's setting where a key allows it). */
      value: Record<string, never>;
    };
    HTTPError: {
      /** @example Domain not found */
      detail: string;
    };
    ConflictError: {
      detail:
        | string
        | {
            message: string;
            field?: string;
            conflicts?: unknown[];
          };
    };
    ValidationError: {
      /**
       * @example [
       *       "body",
       *       "name"
       *     ]
       */
      loc: (string | number)[];
      /** @example field required */
      msg: string;
      /** @example value_error.missing */
      type: string;
    };
    HTTPValidationError: {
      detail: components['schemas']['ValidationError'][];
    };
  };
  responses: {
    /** @description The request is well-formed but its content is refused */
    BadRequest: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
    /** @description Not authenticated (missing, invalid or expired credentials) */
    Unauthenticated: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
    /** @description Authenticated, but not allowed to do this */
    Forbidden: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
    /** @description Not found, or not visible to the caller */
    NotFound: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
    /** @description Conflicts with the current state */
    Conflict: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['ConflictError'];
      };
    };
    /** @description The request body is too large */
    PayloadTooLarge: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
    /** @description The request body is not JSON */
    UnsupportedMediaType: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
    /** @description The request does not match the schema */
    ValidationFailed: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPValidationError'];
      };
    };
    /** @description Rate limit exceeded; retry after `Retry-After` seconds */
    RateLimited: {
      headers: {
        RateLimit: components['headers']['RateLimit'];
        'RateLimit-Policy': components['headers']['RateLimit-Policy'];
        'Retry-After': components['headers']['Retry-After'];
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
    /** @description PowerDNS is unavailable or failed */
    UpstreamUnavailable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
    /** @description A backing service (database, Redis) is unavailable */
    ServiceUnavailable: {
      headers: {
        [name: string]: unknown;
      };
      content: {
        'application/json': components['schemas']['HTTPError'];
      };
    };
  };
  parameters: never;
  requestBodies: never;
  headers: {
    /** @description The caller's current quota: `limit=100, remaining=42, reset=30` (draft-ietf-httpapi-ratelimit-headers-07). */
    RateLimit: string;
    /** @description The quota policy: `100;w=60` (requests per 60-second window). */
    'RateLimit-Policy': string;
    /** @description Seconds to wait before retrying. */
    'Retry-After': number;
  };
  pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
  Health_live: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['LiveDto'];
        };
      };
    };
  };
  Health_ready: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto'];
        };
      };
      /** @description One or more checks failed */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReadinessDto'];
        };
      };
    };
  };
  Version_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['VersionDto'];
        };
      };
    };
  };
  Metrics_scrape: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Prometheus text exposition format. */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'text/plain; version=0.0.4; charset=utf-8': string;
        };
      };
      /** @description Metrics are not enabled (METRICS_ENABLED=false) */
      404: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
      /** @description With API_WORKERS > 1: the other API processes did not answer in time */
      503: {
        headers: {
          [name: string]: unknown;
        };
        content?: never;
      };
    };
  };
  Auth_config: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthConfigDto'];
        };
      };
    };
  };
  Auth_token: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['TokenRequestDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenResponseDto'];
        };
      };
      400: components['responses']['BadRequest'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
    };
  };
  Auth_refresh: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RefreshRequestDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TokenResponseDto'];
        };
      };
      400: components['responses']['BadRequest'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
    };
  };
  Auth_logout: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['StatusOkDto'];
        };
      };
    };
  };
  Auth_validate: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ValidateRequestDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': Record<string, never>;
        };
      };
      400: components['responses']['BadRequest'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
    };
  };
  Auth_whoami: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MeDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Me_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MeDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Me_context: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['MeContextDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Me_check: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PermissionCheckDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PermissionCheckResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ApiKeys_list: {
    parameters: {
      query?: {
        /** @description Include revoked keys. */
        include_revoked?: '0' | '1' | 'false' | 'true';
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ApiKeys_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateApiKeyDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeySecretDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ApiKeys_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ApiKeys_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ApiKeys_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateApiKeyDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ApiKeys_regenerate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeySecretDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ApiKeys_revoke: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['RevokeApiKeyDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ApiKeys_activate: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApiKeyDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  RoleAssignments_list: {
    parameters: {
      query?: {
        principal_type?: 'group' | 'user';
        principal_id?: string;
        role_id?: string;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoleAssignmentListDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  RoleAssignments_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateRoleAssignmentDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoleAssignmentDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  RoleAssignments_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Roles_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoleListDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Roles_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateRoleDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoleDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Roles_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoleDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Roles_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Roles_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRoleDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RoleDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AccessGrants_list: {
    parameters: {
      query?: {
        /** @description Include grants whose expires_at has passed. */
        include_expired?: '0' | '1' | 'false' | 'true';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessGrantListDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AccessGrants_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateAccessGrantDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessGrantDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AccessGrants_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        grantId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessGrantDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AccessGrants_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        grantId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AccessGrants_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        grantId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateAccessGrantDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AccessGrantDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AuditLogs_listAll: {
    parameters: {
      query?: {
        /** @description Only this tenant's entries. */
        tenant_id?: string;
        /** @description Only entries made by this kind of actor. */
        actor_type?: 'api_key' | 'system' | 'user' | 'webhook';
        /** @description Only entries by this actor (a user's id, or an API key's id). */
        actor_id?: string;
        /**
         * @description An exact action (`domain.create`), or every action of a resource with a trailing `.*` or `.`
         *     (`api_key.*`, `api_key.`).
         */
        action?: string;
        /** @description Only entries about this kind of resource (`domain`, `record`, `api_key`, …). */
        resource_type?: string;
        /** @description Only entries about this resource. */
        resource_id?: string;
        /**
         * @description Entries at or after this instant (inclusive). ISO 8601 date or date-time; without an offset it
         *     is read as UTC.
         */
        start_date?: string;
        /**
         * @description Entries strictly before this instant (exclusive), so `start_date=2024-01-01&end_date=2024-02-01`
         *     is all of January. ISO 8601 date or date-time; without an offset it is read as UTC.
         */
        end_date?: string;
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditLogPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AuditLogs_getAny: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditLogDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AuditLogs_list: {
    parameters: {
      query?: {
        /** @description Only entries made by this kind of actor. */
        actor_type?: 'api_key' | 'system' | 'user' | 'webhook';
        /** @description Only entries by this actor (a user's id, or an API key's id). */
        actor_id?: string;
        /**
         * @description An exact action (`domain.create`), or every action of a resource with a trailing `.*` or `.`
         *     (`api_key.*`, `api_key.`).
         */
        action?: string;
        /** @description Only entries about this kind of resource (`domain`, `record`, `api_key`, …). */
        resource_type?: string;
        /** @description Only entries about this resource. */
        resource_id?: string;
        /**
         * @description Entries at or after this instant (inclusive). ISO 8601 date or date-time; without an offset it
         *     is read as UTC.
         */
        start_date?: string;
        /**
         * @description Entries strictly before this instant (exclusive), so `start_date=2024-01-01&end_date=2024-02-01`
         *     is all of January. ISO 8601 date or date-time; without an offset it is read as UTC.
         */
        end_date?: string;
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditLogPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AuditLogs_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuditLogDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Domains_list: {
    parameters: {
      query?: {
        status?: 'active' | 'deleted' | 'inactive' | 'pending_validation';
        domain_type?: 'primary' | 'reverse_ipv4' | 'reverse_ipv6' | 'secondary';
        dnssec_enabled?: '0' | '1' | 'false' | 'true';
        /** @description Part of the name (ASCII or Unicode form). */
        search?: string;
        include_deleted?: '0' | '1' | 'false' | 'true';
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DomainPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Domains_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateDomainDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DomainDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Domains_types: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordTypesDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Domains_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DomainDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Domains_delete: {
    parameters: {
      query?: {
        /** @description `true` removes the PowerDNS zone and the metadata for good. */
        hard?: '0' | '1' | 'false' | 'true';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Domains_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateDomainDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DomainDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Domains_restore: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DomainDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Validation_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description The pending challenge, or null */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValidationDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Validation_renew: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NewValidationDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValidationDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Validation_cancel: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Validation_check: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ValidationCheckResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Nameservers_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NameserversDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Nameservers_put: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['NameserversDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['NameserverRolloutDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ReverseZones_preview: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CidrDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ReverseZonePreviewDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ReverseZones_list: {
    parameters: {
      query?: {
        /** @description Part of the zone's name or of its network (`192.0.2`, `2.0.192.in-addr`). */
        search?: string;
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DomainPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ReverseZones_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateReverseZoneDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DomainDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ReverseZones_lookup: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        ip: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PtrLookupDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ReverseZones_listPtrs: {
    parameters: {
      query?: {
        /** @description Part of the IP address or of the host name. */
        search?: string;
        page?: number;
        page_size?: number;
      };
      header?: never;
      path: {
        domainId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PtrPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ReverseZones_setPtr: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        domainId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PtrDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PtrRecordDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ReverseZones_setPtrs: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        domainId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PtrBulkDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PtrRecordDto'][];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ReverseZones_deletePtr: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        domainId: string;
        ip: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Records_list: {
    parameters: {
      query?: {
        type?: string;
        name?: string;
        /** @description Include the apex SOA and NS, which the platform manages. */
        include_system?: '0' | '1' | 'false' | 'true';
        page?: number;
        page_size?: number;
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Records_create: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateRecordDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Records_bulk: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkCreateRecordsDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkCreateResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Records_bulkDelete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['BulkDeleteRecordsDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BulkDeleteResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Records_searchZone: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SearchRecordsDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Records_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        recordId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Records_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        recordId: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Records_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        recordId: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateRecordDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RecordDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  RecordSearch_searchAll: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SearchRecordsDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['SearchResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ZoneTransfer_import: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportZoneDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ZoneTransfer_importText: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportTextDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ZoneTransfer_importPreview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ImportTextDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ZoneTransfer_importFile: {
    parameters: {
      query?: {
        /** @description bind (default), json or csv. */
        format?: 'bind' | 'csv' | 'json';
        /** @description merge (default): add what is missing; replace: the zone becomes the file; skip_existing: only new names and types. */
        mode?: 'merge' | 'replace' | 'skip_existing';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'multipart/form-data': {
          /** Format: binary */
          file: string;
          /** @enum {string} */
          format?: 'bind' | 'csv' | 'json';
          /** @enum {string} */
          mode?: 'merge' | 'replace' | 'skip_existing';
        };
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ImportResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ZoneTransfer_export: {
    parameters: {
      query?: {
        format?: 'bind' | 'csv' | 'json';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ExportedZoneDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  ZoneTransfer_download: {
    parameters: {
      query?: {
        format?: 'bind' | 'csv' | 'json';
      };
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_list: {
    parameters: {
      query?: {
        template_type?: 'custom' | 'system';
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplatePageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_create: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateTemplateDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_variables: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['BuiltInVariablesDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_delete: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTemplateDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TemplateDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_requiredVariables: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['RequiredVariablesDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_preview: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
        domain_id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['PreviewTemplateDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PreviewResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Templates_apply: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['ApplyTemplateDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['ApplyResultDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Dnssec_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DnssecDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Dnssec_enable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['EnableDnssecDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DnssecActionDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Dnssec_disable: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DisableDnssecDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DnssecActionDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Dnssec_rotateZsk: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DnssecActionDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Dnssec_rotateKsk: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DnssecActionDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Dnssec_confirmDsPublished: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DnssecActionDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      502: components['responses']['UpstreamUnavailable'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Webhooks_scaikey: {
    parameters: {
      query?: never;
      header: {
        /** @description `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` */
        'X-ScaiKey-Signature': string;
      };
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['WebhookEnvelopeDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['WebhookReplyDto'];
        };
      };
      400: components['responses']['BadRequest'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
    };
  };
  AuthoritativeDomains_get: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthoritativeDomainsDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  AuthoritativeDomains_put: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AuthoritativeDomainsDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['AuthoritativeDomainsDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Drift_list: {
    parameters: {
      query?: {
        /** @description Include findings that were fixed or went away (newest first, at most 500). */
        include_resolved?: '0' | '1' | 'false' | 'true';
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DriftFindingListDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Drift_scan: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DriftScanDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  Drift_fix: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['DriftFixDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['DriftFindingDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_listPartners: {
    parameters: {
      query?: {
        status?: 'active' | 'deleted' | 'suspended';
        /** @description Part of the name or slug, or a ScaiKey id. */
        search?: string;
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_getPartner: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PartnerDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_listTenants: {
    parameters: {
      query?: {
        /** @description Local or ScaiKey (`prt_…`) partner id. */
        partner_id?: string;
        status?: 'active' | 'suspended';
        /** @description Part of the name or slug, or a ScaiKey id. */
        search?: string;
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TenantPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_addTenant: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['AddTenantDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TenantDetailDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_getTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TenantDetailDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_updateTenant: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateTenantDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['TenantDetailDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_listUsers: {
    parameters: {
      query?: {
        /** @description Local or ScaiKey (`tnt_…`) tenant id. */
        tenant_id?: string;
        status?: 'active' | 'inactive' | 'suspended';
        /** @description Only users ScaiKey assigns (true) or does not assign (false) to the ScaiDNS application. */
        assigned?: '0' | '1' | 'false' | 'true';
        /** @description Part of the e-mail or display name, or a ScaiKey id. */
        search?: string;
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_createUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateUserDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_inviteUser: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['InviteUserDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_getUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_deleteUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_updateUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdateUserDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_disableUser: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['UserDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_setPassword: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['SetPasswordDto'];
      };
    };
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_resendInvite: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description No content */
      204: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content?: never;
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_listGroups: {
    parameters: {
      query?: {
        /** @description Local or ScaiKey (`tnt_…`) tenant id. */
        tenant_id?: string;
        /** @description Part of the name, or a ScaiKey id. */
        search?: string;
        page?: number;
        page_size?: number;
      };
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GroupPageDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_createGroup: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['CreateGroupDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GroupDetailDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  IdentityAdmin_getGroup: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        id: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['GroupDetailDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  PlatformConfig_list: {
    parameters: {
      query?: never;
      header?: never;
      path?: never;
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PlatformConfigListDto'];
        };
      };
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  PlatformConfig_get: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
      };
      cookie?: never;
    };
    requestBody?: never;
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PlatformConfigDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
  PlatformConfig_update: {
    parameters: {
      query?: never;
      header?: never;
      path: {
        key: string;
      };
      cookie?: never;
    };
    requestBody: {
      content: {
        'application/json': components['schemas']['UpdatePlatformConfigDto'];
      };
    };
    responses: {
      /** @description Success */
      200: {
        headers: {
          RateLimit: components['headers']['RateLimit'];
          'RateLimit-Policy': components['headers']['RateLimit-Policy'];
          [name: string]: unknown;
        };
        content: {
          'application/json': components['schemas']['PlatformConfigDto'];
        };
      };
      400: components['responses']['BadRequest'];
      401: components['responses']['Unauthenticated'];
      403: components['responses']['Forbidden'];
      404: components['responses']['NotFound'];
      409: components['responses']['Conflict'];
      413: components['responses']['PayloadTooLarge'];
      415: components['responses']['UnsupportedMediaType'];
      422: components['responses']['ValidationFailed'];
      429: components['responses']['RateLimited'];
      503: components['responses']['ServiceUnavailable'];
    };
  };
}
