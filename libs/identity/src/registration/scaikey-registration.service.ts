import { setTimeout as sleep } from 'node:timers/promises';
import { Injectable } from '@nestjs/common';
import { AppError } from '@app/core';
import { ScaiKeyClient } from '../scaikey/scaikey.client';
import type { ScaiKeyRegistrationStatus } from '../scaikey/scaikey.types';
import { SCAIKEY_WEBHOOK_EVENTS } from '../webhooks/webhook-envelope';
import { writeEnvValues } from './env-file-update';

/** What to configure in ScaiKey for ScaiDNS at a public URL (the deployment guide's list). */
export interface RegistrationUrls {
  readonly redirectUri: string;
  readonly postLogoutUri: string;
  readonly webhookUrl: string;
}

export interface RegistrationRequest {
  /** Where users reach ScaiDNS, e.g. https://dns.example.com. */
  readonly publicUrl: string;
  readonly name?: string;
  readonly contactEmail?: string;
  readonly pollIntervalMs: number;
  /** Give up waiting for a decision after this long. */
  readonly timeoutMs: number;
  /** Called once the request is filed, then whenever its status changes. */
  readonly onStatus?: (status: ScaiKeyRegistrationStatus) => void;
}

/** The approved registration: credentials to keep and the URLs to configure. */
export interface Registration {
  readonly urls: RegistrationUrls;
  readonly status: ScaiKeyRegistrationStatus;
  /** The `.env` lines it yields (webhook secret only when ScaiKey issued one). */
  readonly env: Readonly<Record<string, string>>;
}

const SCOPES = ['openid', 'profile', 'email'];

export function registrationUrls(publicUrl: string): RegistrationUrls {
  let url: URL;
  try {
    url = new URL(publicUrl);
  } catch {
    throw AppError.badRequest(`--public-url is not a URL: ${publicUrl}`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw AppError.badRequest('--public-url must be an http:// or https:// URL');
  }
  const base = url.toString().replace(/\/+$/, '');
  return {
    redirectUri: `${base}/oauth/callback`,
    postLogoutUri: `${base}/`,
    webhookUrl: `${base}/api/v1/webhooks/scaikey`,
  };
}

/**
 * `scaidns register-scaikey`: files ScaiDNS's registration with ScaiKey (a GLOBAL application with
 * the deployment guide's redirect URI, scopes and webhook), waits for an administrator's decision,
 * and hands back the credentials. Needs only SCAIKEY_URL.
 */
@Injectable()
export class ScaiKeyRegistrationService {
  constructor(private readonly scaikey: ScaiKeyClient) {}

  async register(request: RegistrationRequest): Promise<Registration> {
    const urls = registrationUrls(request.publicUrl);
    const filed = await this.scaikey.registerApplication({
      name: request.name ?? 'ScaiDNS',
      description: 'ScaiDNS: multi-tenant DNS management',
      type: 'GLOBAL',
      redirectUris: [urls.redirectUri],
      scopes: SCOPES,
      webhookUrl: urls.webhookUrl,
      webhookEvents: SCAIKEY_WEBHOOK_EVENTS,
      contactEmail: request.contactEmail,
    });
    const deadline = Date.now() + request.timeoutMs;
    let last = '';
    for (;;) {
      const status = await this.scaikey.registrationStatus(filed.request_id, filed.status_token);
      if (status.status !== last) {
        last = status.status;
        request.onStatus?.(status);
      }
      switch (status.status) {
        case 'APPROVED':
          return { urls, status, env: credentialsOf(status) };
        case 'REJECTED':
          throw AppError.badRequest(
            `ScaiKey rejected registration ${filed.request_id}${status.reason ? `: ${status.reason}` : ''}`,
          );
        case 'EXPIRED':
          throw AppError.badRequest(
            `Registration ${filed.request_id} expired before anyone approved it`,
          );
        case 'PENDING':
          break;
      }
      if (Date.now() >= deadline) {
        throw new AppError(
          'NOT_READY',
          `Registration ${filed.request_id} is still pending; nothing was written. ` +
            'Ask a ScaiKey administrator to approve it, then run the command again.',
        );
      }
      await sleep(request.pollIntervalMs);
    }
  }

  /** Writes the credentials into the `.env` at `path`, other lines untouched. */
  async writeEnv(path: string, registration: Registration): Promise<void> {
    await writeEnvValues(path, registration.env);
  }
}

function credentialsOf(status: ScaiKeyRegistrationStatus): Record<string, string> {
  if (!status.client_id || !status.client_secret || !status.application_id) {
    throw AppError.upstream(
      'ScaiKey approved the registration without client_id/secret/application_id',
    );
  }
  return {
    SCAIKEY_CLIENT_ID: status.client_id,
    SCAIKEY_CLIENT_SECRET: status.client_secret,
    SCAIKEY_APPLICATION_ID: status.application_id,
    ...(status.webhook_secret ? { SCAIKEY_WEBHOOK_SECRET: status.webhook_secret } : {}),
  };
}
