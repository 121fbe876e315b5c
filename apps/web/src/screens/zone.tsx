import { type Schemas, unwrap } from '@app/api-client';
import { useState } from 'react';
import { Badge, CopyButton, Time } from '../components/controls';
import { FormProblem } from '../components/field';
import { LoadState, Page } from '../components/page';
import { useAction, useLoad } from '../data';
import { type ZoneAccess, useZoneAccess } from '../permissions';
import { Link } from '../router';
import { api, useMe } from '../session/session';
import { DnssecTab } from './zone-dnssec';
import { GrantsTab } from './zone-grants';
import { RecordsTab } from './zone-records';
import { SettingsTab } from './zone-settings';
import type { Zone } from './zone-model';
import { TransferTab } from './zone-transfer';

export type ZoneTab = 'records' | 'transfer' | 'dnssec' | 'grants' | 'settings';

/** What the zone's screens may offer; each is asked of the API for this zone. */
const ZONE_PERMISSIONS = [
  'domains:create',
  'domains:update',
  'domains:delete',
  'records:read',
  'records:create',
  'records:update',
  'records:delete',
  'dnssec:read',
  'dnssec:enable',
  'dnssec:disable',
  'dnssec:rotate',
  'access_grants:read',
  'access_grants:manage',
] as const;

const TABS: readonly { tab: ZoneTab; label: string; path: string; needs: string | null }[] = [
  { tab: 'records', label: 'Records', path: '', needs: 'records:read' },
  { tab: 'transfer', label: 'Import & export', path: '/import', needs: 'records:read' },
  { tab: 'dnssec', label: 'DNSSEC', path: '/dnssec', needs: 'dnssec:read' },
  { tab: 'grants', label: 'Access grants', path: '/access', needs: 'access_grants:read' },
  { tab: 'settings', label: 'Settings', path: '/settings', needs: null },
];

/** One zone: its validation while pending, and a tab per part (records, transfer, DNSSEC…). */
export function ZoneScreen({ domainId, tab }: { domainId: string; tab: ZoneTab }) {
  const me = useMe();
  const zone = useLoad(domainId, () =>
    unwrap(api.GET('/api/v1/domains/{id}', { params: { path: { id: domainId } } })),
  );
  const access = useZoneAccess(me, domainId, ZONE_PERMISSIONS);
  if (!zone.data || !access) {
    return (
      <Page title="Zone">
        <LoadState problem={zone.problem} loading />
      </Page>
    );
  }
  const current = zone.data;
  const tabs = TABS.filter((t) => t.needs === null || access[t.needs]);
  const shown = tabs.find((t) => t.tab === tab) ?? tabs[0];
  return (
    <Page
      title={current.unicode_name}
      actions={
        <div className="badges">
          <Badge value={current.status} />
          {current.dnssec_enabled ? <Badge value={`dnssec ${current.dnssec_status}`} /> : null}
        </div>
      }
    >
      <p className="zone-meta muted">
        {current.domain_type.replaceAll('_', ' ')} zone
        {current.unicode_name !== current.name ? ` (${current.name})` : ''} · default TTL{' '}
        {current.default_ttl} s{current.description ? ` · ${current.description}` : ''}
      </p>
      {current.status === 'pending_validation' ? (
        <ValidationPanel zone={current} access={access} onValidated={zone.reload} />
      ) : null}
      <nav className="tabs" aria-label="Zone sections">
        <ul>
          {tabs.map((t) => (
            <li key={t.tab}>
              <Link
                to={`/zones/${current.id}${t.path}`}
                aria-current={t.tab === shown.tab ? 'page' : undefined}
              >
                {t.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      <section className="tab-panel" aria-label={shown.label}>
        <h2 className="visually-hidden">{shown.label}</h2>
        <TabContent tab={shown.tab} zone={current} access={access} onZoneChanged={zone.reload} />
      </section>
    </Page>
  );
}

interface TabProps {
  readonly tab: ZoneTab;
  readonly zone: Zone;
  readonly access: ZoneAccess;
  readonly onZoneChanged: () => void;
}

function TabContent({ tab, zone, access, onZoneChanged }: TabProps) {
  switch (tab) {
    case 'records':
      return <RecordsTab zone={zone} access={access} />;
    case 'transfer':
      return <TransferTab zone={zone} access={access} />;
    case 'dnssec':
      return <DnssecTab zone={zone} access={access} onZoneChanged={onZoneChanged} />;
    case 'grants':
      return <GrantsTab zone={zone} access={access} />;
    case 'settings':
      return <SettingsTab zone={zone} access={access} onZoneChanged={onZoneChanged} />;
  }
}

interface ValidationPanelProps {
  readonly zone: Zone;
  readonly access: ZoneAccess;
  readonly onValidated: () => void;
}

/** The ownership challenge of a pending zone: the TXT record to publish, and a check on demand. */
function ValidationPanel({ zone, access, onValidated }: ValidationPanelProps) {
  const challenge = useLoad(`validation:${zone.id}`, () =>
    unwrap(api.GET('/api/v1/domains/{id}/validation', { params: { path: { id: zone.id } } })),
  );
  const check = useAction();
  const [result, setResult] = useState<Schemas['ValidationCheckResultDto'] | null>(null);
  const canCheck = access['domains:create'];

  const checkNow = async () => {
    setResult(null);
    await check.run(async () => {
      const answer = await unwrap(
        api.POST('/api/v1/domains/{id}/validation/check', { params: { path: { id: zone.id } } }),
      );
      setResult(answer);
      if (answer.is_valid) onValidated();
      else challenge.reload();
    });
  };
  const renew = () =>
    check.run(async () => {
      await unwrap(
        api.POST('/api/v1/domains/{id}/validation', {
          params: { path: { id: zone.id } },
          body: { validation_type: 'txt_record' },
        }),
      );
      challenge.reload();
    });

  // The API answers null when no challenge is pending (an expired or cancelled one).
  const pending = (challenge.data as Schemas['ValidationDto'] | null | undefined) ?? null;
  return (
    <section className="panel validation" aria-labelledby="validation-title">
      <h2 id="validation-title">Prove that you own {zone.name}</h2>
      <LoadState problem={challenge.problem} loading={challenge.loading && !challenge.data} />
      {pending ? (
        <>
          <p>
            Publish this TXT record at the DNS provider that serves {zone.name} today, then check
            it. ScaiDNS also checks by itself every few minutes. Until then the zone&apos;s records
            are stored but not served.
          </p>
          <dl className="pairs">
            <dt>Name</dt>
            <dd>
              <code>{pending.dns_record.name}</code> <CopyButton value={pending.dns_record.name} />
            </dd>
            <dt>Type</dt>
            <dd>
              <code>{pending.dns_record.type}</code>
            </dd>
            <dt>Value</dt>
            <dd>
              <code>{pending.dns_record.value}</code>{' '}
              <CopyButton value={pending.dns_record.value} />
            </dd>
            <dt>TTL</dt>
            <dd>{pending.dns_record.ttl}</dd>
            <dt>Expires</dt>
            <dd>
              <Time value={pending.expires_at} />
            </dd>
            {pending.last_error ? (
              <>
                <dt>Last check</dt>
                <dd>
                  <Time value={pending.last_checked_at} />: {pending.last_error}
                </dd>
              </>
            ) : null}
          </dl>
          {canCheck ? (
            <button
              type="button"
              className="primary"
              disabled={check.busy}
              onClick={() => void checkNow()}
            >
              {check.busy ? 'Checking…' : 'Check now'}
            </button>
          ) : null}
        </>
      ) : challenge.data === undefined ? null : (
        <>
          <p>No challenge is pending (the last one expired or was cancelled).</p>
          {canCheck ? (
            <button
              type="button"
              className="primary"
              disabled={check.busy}
              onClick={() => void renew()}
            >
              Start a new challenge
            </button>
          ) : null}
        </>
      )}
      <FormProblem problem={check.problem} />
      {result ? (
        <p className={result.is_valid ? 'success' : 'problem'} role="status">
          {result.message}
        </p>
      ) : null}
    </section>
  );
}
