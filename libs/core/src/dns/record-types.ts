/** The record types ScaiDNS manages (API.md): what `GET /domains/types` lists and grants may name. */
export const RECORD_TYPES = [
  'A',
  'AAAA',
  'MX',
  'CNAME',
  'TXT',
  'NS',
  'SRV',
  'PTR',
  'SOA',
  'CAA',
  'SSHFP',
  'TLSA',
  'DNAME',
  'NAPTR',
  'DS',
  'ALIAS',
] as const;

export type RecordType = (typeof RECORD_TYPES)[number];
