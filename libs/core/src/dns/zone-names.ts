import { domainToASCII } from 'node:url';

/** The zone's name as names are compared: lowercase ASCII, no trailing dot. */
export function zoneApex(zone: string): string {
  const lower = zone.trim().toLowerCase().replace(/\.$/, '');
  if (/^\p{ASCII}*$/u.test(lower)) return lower;
  return lower
    .split('.')
    .map((label) => domainToASCII(label) || label)
    .join('.');
}

/** `example.com.` for any spelling of the zone's name; `.` for the root. */
export function zoneFqdn(zone: string): string {
  const apex = zoneApex(zone);
  return apex === '' ? '.' : `${apex}.`;
}

/** `@` for the apex, the relative name inside the zone, the absolute name (with dot) outside it. */
export function relativeName(name: string, zone: string): string {
  const fqdn = name.toLowerCase().endsWith('.') ? name.toLowerCase() : `${name.toLowerCase()}.`;
  const origin = zoneFqdn(zone);
  if (fqdn === origin) return '@';
  if (origin === '.') return fqdn.slice(0, -1);
  return fqdn.endsWith(`.${origin}`) ? fqdn.slice(0, -(origin.length + 1)) : fqdn;
}

/**
 * DNS canonical order (RFC 4034 §6.1): names compared label by label from the right, so a name's
 * children follow it (`@`, `a`, `x.a`, `b`) and the apex comes first.
 */
export function compareNames(a: string, b: string): number {
  const la = a.toLowerCase().replace(/\.$/, '').split('.').reverse();
  const lb = b.toLowerCase().replace(/\.$/, '').split('.').reverse();
  for (let i = 0; i < Math.min(la.length, lb.length); i++) {
    if (la[i] !== lb[i]) return la[i] < lb[i] ? -1 : 1;
  }
  return la.length - lb.length;
}

/** An absolute name as PowerDNS writes it: with the trailing dot. */
export function absoluteName(name: string): string {
  return name.endsWith('.') ? name : `${name}.`;
}
