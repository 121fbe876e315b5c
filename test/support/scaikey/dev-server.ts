/**
 * `npm run scaikey:dev`: a ScaiKey stand-in for local development, with one partner, tenant (`dev`),
 * dev user (signed in by the authorize endpoint without a login page) and the ScaiDNS application.
 * Prints the `.env` lines that point ScaiDNS at it and an access token for the dev user.
 *
 * SCAIKEY_DEV_PORT (default 9000; 0 = any free port), SCAIKEY_DEV_HOST (default 127.0.0.1),
 * SCAIKEY_DEV_REDIRECT_URIS (comma-separated; default the web UI's callback, `/oauth/callback`, on
 * 127.0.0.1 and localhost, ports 8000 (the API) and 5173 (`npm run dev:web`)). With SCAIKEY_DEV_ENV_OUT, once listening it writes the `SCAIKEY_*` lines,
 * SCAIKEY_DEV_TOKEN, SCAIKEY_DEV_USER_EMAIL and SCAIKEY_DEV_TENANT_ID to that file (mode 0600) instead
 * of printing them: `npm start` runs it so in development when SCAIKEY_URL is empty.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createScaiKeyStandIn } from './scaikey-stand-in';

const TOKEN_HOURS = 12;
/** The web UI's callback (`/oauth/callback`, as the deployment guide registers it) where it may run. */
const DEFAULT_REDIRECT_URIS = [
  'http://127.0.0.1:8000/oauth/callback',
  'http://localhost:8000/oauth/callback',
  'http://127.0.0.1:5173/oauth/callback',
  'http://localhost:5173/oauth/callback',
];

async function main(): Promise<void> {
  const port = Number(process.env.SCAIKEY_DEV_PORT ?? 9000);
  const redirectUris = (process.env.SCAIKEY_DEV_REDIRECT_URIS ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  const standIn = createScaiKeyStandIn({
    host: process.env.SCAIKEY_DEV_HOST ?? '127.0.0.1',
    application: {
      id: 'app_scaidns_dev',
      client_id: 'scaidns-dev',
      client_secret: 'scaidns-dev-secret',
      name: 'ScaiDNS (dev)',
      redirect_uris: redirectUris.length > 0 ? redirectUris : DEFAULT_REDIRECT_URIS,
    },
    webhookSecret: 'scaidns-dev-webhook-secret',
    seedDevUser: false,
    log: (line) => console.log(`[scaikey] ${line}`),
  });
  const { directory } = standIn;
  const partner = directory.addPartner({
    id: 'prt_dev',
    name: 'ScaiLabs Dev',
    slug: 'scailabs-dev',
  });
  const { tenant, users } = directory.seedTenant({
    partner_id: partner.id,
    tenant_id: 'tnt_dev',
    name: 'Dev Tenant',
    slug: 'dev',
    users: [
      {
        id: 'usr_dev',
        email: 'dev@scaidns.local',
        display_name: 'Dev User',
        first_name: 'Dev',
        last_name: 'User',
        roles: ['tenant_admin'],
      },
    ],
  });
  const [user] = users;
  const group = directory.addGroup({
    id: 'grp_dev_dns_admins',
    tenant_id: tenant.id,
    name: 'DNS admins',
    members: [user.id],
  });
  directory.assign(standIn.application.id, group.id);
  standIn.setDevUser(user.id);

  await standIn.start(port);
  const shutdown = () => {
    standIn.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  const env = standIn.env();
  const token = standIn.userToken(user.id, { expiresIn: TOKEN_HOURS * 3600 });
  const out = process.env.SCAIKEY_DEV_ENV_OUT;
  if (out) {
    const lines = {
      ...env,
      SCAIKEY_DEV_TOKEN: token,
      SCAIKEY_DEV_USER_EMAIL: user.email,
      SCAIKEY_DEV_TENANT_ID: tenant.id,
    };
    // Written whole, then renamed: a reader polling for the file never sees half of it.
    writeFileSync(
      `${out}.tmp`,
      Object.entries(lines)
        .map(([k, v]) => `${k}=${v}\n`)
        .join(''),
      { mode: 0o600 },
    );
    renameSync(`${out}.tmp`, out);
    console.log(`ScaiKey stand-in listening on ${standIn.url} (user ${user.email}); wrote ${out}`);
    return;
  }
  console.log(`ScaiKey stand-in listening on ${standIn.url}
  partner ${partner.id}, tenant ${tenant.id} (slug ${tenant.slug}), user ${user.id} <${user.email}>
  discovery: ${standIn.discoveryUrl}
  redirect URIs: ${standIn.application.redirect_uris.join(', ')}

Put these lines in ScaiDNS's .env:
${Object.entries(env)
  .map(([k, v]) => `${k}=${v}`)
  .join('\n')}

Access token for ${user.email} (valid ${TOKEN_HOURS} h):
${token}

  curl -H "Authorization: Bearer <token>" http://127.0.0.1:8000/api/v1/auth/me
`);
}

main().catch((error: unknown) => {
  console.error(`scaikey:dev: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
