import type { ReactNode } from 'react';
import { holds, managesKeys } from './permissions';
import { Link, match, Redirect, useLocation } from './router';
import { AccessScreen } from './screens/access';
import { ApiKeysScreen } from './screens/api-keys';
import { AuditScreen } from './screens/audit';
import { CallbackScreen } from './screens/callback';
import { CreateZoneScreen } from './screens/create-zone';
import { NotFoundScreen } from './screens/not-found';
import { ReverseZoneScreen, ReverseZonesScreen } from './screens/reverse-zones';
import { SignInScreen } from './screens/sign-in';
import { ZoneScreen, type ZoneTab } from './screens/zone';
import { ZonesScreen } from './screens/zones';
import type { Me } from './session/session-store';
import { CALLBACK_PATH } from './session/session-store';
import { session, useSession } from './session/session';

/** The whole app: the sign-in until someone is signed in, then the screens they may use. */
export function App() {
  const state = useSession();
  const location = useLocation();
  if (location.path === CALLBACK_PATH) return <CallbackScreen search={location.query.toString()} />;
  if (state.status === 'signed-out') {
    return <SignInScreen notice={state.notice} returnTo={location.href} />;
  }
  return <Shell me={state.me}>{screenFor(location.path, state.me)}</Shell>;
}

interface Section {
  readonly to: string;
  readonly label: string;
  readonly shown: (me: Me) => boolean;
}

/** The navigation: only what the caller may open. */
const SECTIONS: readonly Section[] = [
  { to: '/zones', label: 'Zones', shown: () => true },
  { to: '/reverse-zones', label: 'Reverse zones', shown: () => true },
  { to: '/access', label: 'Access', shown: (me) => holds(me, 'roles:read') },
  {
    to: '/api-keys',
    label: 'API keys',
    shown: (me) => managesKeys(me) && holds(me, 'api_keys:read'),
  },
  { to: '/audit', label: 'Audit log', shown: (me) => holds(me, 'audit:read') },
];

const ZONE_TABS: Record<string, ZoneTab> = {
  '': 'records',
  import: 'transfer',
  dnssec: 'dnssec',
  access: 'grants',
  settings: 'settings',
};

function screenFor(path: string, me: Me): ReactNode {
  if (path === '/') return <Redirect to="/zones" />;
  if (path === '/zones') return <ZonesScreen />;
  if (path === '/zones/new') return <CreateZoneScreen />;
  const zone = match('/zones/:id', path) ?? match('/zones/:id/:tab', path);
  const tab = ZONE_TABS[path.split('/')[3] ?? ''];
  if (zone && tab) return <ZoneScreen key={zone.id} domainId={zone.id} tab={tab} />;
  if (path === '/reverse-zones') return <ReverseZonesScreen />;
  const reverse = match('/reverse-zones/:id', path);
  if (reverse) return <ReverseZoneScreen key={reverse.id} domainId={reverse.id} />;
  const section = SECTIONS.find((s) => s.to === path);
  if (section && !section.shown(me)) return <NotFoundScreen />;
  if (path === '/access') return <AccessScreen />;
  if (path === '/api-keys') return <ApiKeysScreen />;
  if (path === '/audit') return <AuditScreen />;
  return <NotFoundScreen />;
}

function Shell({ me, children }: { me: Me; children: ReactNode }) {
  const { path } = useLocation();
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <Link to="/zones" className="brand">
          ScaiDNS
        </Link>
        <nav aria-label="Main">
          <ul>
            {SECTIONS.filter((s) => s.shown(me)).map((s) => (
              <li key={s.to}>
                <Link
                  to={s.to}
                  aria-current={path === s.to || path.startsWith(`${s.to}/`) ? 'page' : undefined}
                >
                  {s.label}
                </Link>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <span className="who-name">
            {me.email}
            {me.auth.kind === 'api_key' ? <span className="badge">API key</span> : null}
          </span>
          <button type="button" className="secondary" onClick={() => void session.signOut()}>
            Sign out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
