export interface DatabaseConnection {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  readonly password: string;
  readonly database: string;
}

/** Schemes we accept: the deployment guide's `mysql+asyncmy://`, any `mysql+<driver>://`, `mysql://` and `mariadb://`. */
const SCHEME = /^(mysql(\+[a-z0-9]+)?|mariadb):$/i;

/** Parses DATABASE_URL; returns a reason string when it is not usable. */
export function parseDatabaseUrl(value: string): DatabaseConnection | string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return 'is not a URL (expected mysql://user:password@host:3306/database)';
  }
  if (!SCHEME.test(url.protocol)) {
    return `has scheme "${url.protocol.replace(/:$/, '')}"; expected mysql://, mariadb:// or mysql+asyncmy://`;
  }
  const database = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!url.hostname) return 'has no host';
  if (!database || database.includes('/')) return 'must name one database in its path (…/scaidns)';
  const port = url.port ? Number(url.port) : 3306;
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1'),
    port,
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    database,
  };
}
