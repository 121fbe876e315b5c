/**
 * PowerDNS 4.7 HTTP API shapes, as the server sends and accepts them (snake_case kept on purpose:
 * these are wire types, mapped to ScaiDNS's own models by the libs that use them).
 *
 * Every name carries a `Pdns` prefix: a bare `Record` would shadow TypeScript's `Record<K, V>`
 * wherever it is imported.
 */

export interface PdnsClientOptions {
  /** Base URL of the API, e.g. `http://127.0.0.1:8081` (a path prefix before `/api/v1` is kept). */
  readonly apiUrl: string;
  readonly apiKey: string;
  /** Always `localhost` on the authoritative server. */
  readonly serverId: string;
  /** Headers and body timeout of one call. */
  readonly timeoutMs: number;
  /** Most sockets open at once; PowerDNS closes every connection after one response anyway. */
  readonly connections?: number;
}

export interface PdnsServer {
  readonly type: 'Server';
  readonly id: string;
  /** `authoritative` here; the recursor's API has the same shape. */
  readonly daemon_type: string;
  readonly version: string;
  readonly url: string;
  readonly config_url: string;
  readonly zones_url: string;
  readonly autoprimaries_url?: string;
}

/** Native: replicated by the backend; Master/Slave: AXFR/NOTIFY. Producer/Consumer: catalog zones. */
export type PdnsZoneKind = 'Native' | 'Master' | 'Slave' | 'Producer' | 'Consumer';

/** SOA-EDIT-API values PowerDNS understands (it stores any other string silently, see POWERDNS.md). */
export type PdnsSoaEditApi =
  'DEFAULT' | 'INCREASE' | 'EPOCH' | 'SOA-EDIT' | 'SOA-EDIT-INCREASE' | '';

export interface PdnsComment {
  readonly content: string;
  readonly account: string;
  /** Unix seconds; PowerDNS fills it in when it is absent on write. */
  readonly modified_at?: number;
}

export interface PdnsRecord {
  /** Presentation format exactly as PowerDNS prints it (`10 mail.example.com.` for MX). */
  readonly content: string;
  readonly disabled: boolean;
}

export interface PdnsRRSet {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly PdnsRecord[];
  readonly comments: readonly PdnsComment[];
}

/** An rrset as sent on zone creation: `disabled` and `comments` may be left out. */
export interface PdnsRRSetInput {
  readonly name: string;
  readonly type: string;
  readonly ttl: number;
  readonly records: readonly { readonly content: string; readonly disabled?: boolean }[];
  readonly comments?: readonly PdnsComment[];
}

export type PdnsChangeType = 'REPLACE' | 'DELETE';

/** One element of a zone PATCH. REPLACE needs `ttl`; REPLACE with `records: []` deletes the rrset. */
export interface PdnsRRSetChange {
  readonly name: string;
  readonly type: string;
  readonly changetype: PdnsChangeType;
  readonly ttl?: number;
  readonly records?: readonly { readonly content: string; readonly disabled?: boolean }[];
  /** Omitted: the rrset's comments stay as they are. */
  readonly comments?: readonly PdnsComment[];
}

/** What `GET /zones` lists; `GET /zones/{id}` adds the fields of {@link PdnsZone}. */
export interface PdnsZoneSummary {
  readonly id: string;
  readonly name: string;
  readonly url: string;
  readonly kind: PdnsZoneKind;
  readonly serial: number;
  readonly notified_serial: number;
  readonly edited_serial: number;
  readonly masters: readonly string[];
  /** Absent when listing with `dnssec=false`. */
  readonly dnssec?: boolean;
  readonly account: string;
  readonly catalog?: string;
  readonly last_check?: number;
}

export interface PdnsZone extends PdnsZoneSummary {
  readonly nsec3param?: string;
  readonly nsec3narrow?: boolean;
  readonly presigned?: boolean;
  readonly soa_edit?: string;
  readonly soa_edit_api?: string;
  /** Reads `false` when unset even though the server's default-api-rectify then applies. */
  readonly api_rectify?: boolean;
  readonly master_tsig_key_ids?: readonly string[];
  readonly slave_tsig_key_ids?: readonly string[];
  /** Absent when fetched with `rrsets=false`. */
  readonly rrsets?: readonly PdnsRRSet[];
}

export interface PdnsZoneCreate {
  /** Canonical (trailing dot); PowerDNS lowercases it. */
  readonly name: string;
  readonly kind: PdnsZoneKind;
  /** Apex NS; must not be combined with an apex NS rrset in `rrsets`. */
  readonly nameservers?: readonly string[];
  readonly rrsets?: readonly PdnsRRSetInput[];
  readonly masters?: readonly string[];
  readonly account?: string;
  readonly soa_edit?: string;
  readonly soa_edit_api?: PdnsSoaEditApi;
  readonly api_rectify?: boolean;
  /** `true` makes PowerDNS create one CSK (ECDSA P-256) for the zone. */
  readonly dnssec?: boolean;
  readonly nsec3param?: string;
  readonly nsec3narrow?: boolean;
  readonly presigned?: boolean;
  readonly catalog?: string;
  /** TSIG keys (ids) allowed to transfer the zone (its TSIG-ALLOW-AXFR). */
  readonly master_tsig_key_ids?: readonly string[];
}

/**
 * Zone properties `PUT /zones/{id}` changes. PowerDNS 4.7 ignores `name`, `nameservers` and
 * `rrsets` there (204, nothing changes): NS and other records change through a PATCH. `dnssec`
 * false deletes every key of the zone; true creates one when it has none.
 */
export interface PdnsZoneUpdate {
  readonly kind?: PdnsZoneKind;
  readonly masters?: readonly string[];
  readonly account?: string;
  readonly soa_edit?: string;
  readonly soa_edit_api?: PdnsSoaEditApi;
  readonly api_rectify?: boolean;
  readonly dnssec?: boolean;
  readonly nsec3param?: string;
  readonly nsec3narrow?: boolean;
  readonly presigned?: boolean;
  readonly catalog?: string;
  readonly master_tsig_key_ids?: readonly string[];
  readonly slave_tsig_key_ids?: readonly string[];
}

export type PdnsKeyType = 'ksk' | 'zsk' | 'csk';

export interface PdnsCryptokey {
  readonly type: 'Cryptokey';
  readonly id: number;
  /** The list may call a key `csk` that the single-key GET calls `zsk`: trust `flags` (257 = KSK/CSK). */
  readonly keytype: PdnsKeyType;
  readonly active: boolean;
  readonly published: boolean;
  readonly dnskey: string;
  readonly ds?: readonly string[];
  readonly cds?: readonly string[];
  /** Only on create and on the single-key GET. */
  readonly privatekey?: string;
  readonly algorithm: string;
  readonly bits: number;
  readonly flags?: number;
}

export interface PdnsCryptokeyCreate {
  readonly keytype: PdnsKeyType;
  /** PowerDNS's default is false: an inactive key does not sign. */
  readonly active?: boolean;
  readonly published?: boolean;
  /** Mnemonic (`ECDSAP256SHA256`) or number (13). */
  readonly algorithm?: string | number;
  /** Required for RSA algorithms. */
  readonly bits?: number;
  /** Import an existing key (ISC private-key format) instead of generating one. */
  readonly privatekey?: string;
}

export interface PdnsCryptokeyUpdate {
  /** PowerDNS insists on `active` in every update, also when only `published` changes. */
  readonly active: boolean;
  /**
   * Required here although PowerDNS takes it as optional: left out, it defaults to true, so an
   * update meant to change `active` alone would re-publish an unpublished key.
   */
  readonly published: boolean;
}

export interface PdnsMetadata {
  readonly type: 'Metadata';
  readonly kind: string;
  readonly metadata: readonly string[];
}

export type PdnsSearchObjectType = 'all' | 'zone' | 'record' | 'comment';

export interface PdnsSearchResult {
  readonly object_type: 'zone' | 'record' | 'comment';
  readonly name: string;
  readonly zone_id: string;
  /** Records and comments: the zone's name. */
  readonly zone?: string;
  readonly type?: string;
  readonly content?: string;
  readonly disabled?: boolean;
  readonly ttl?: number;
}

export interface PdnsStatisticItem {
  readonly name: string;
  readonly type: 'StatisticItem' | 'MapStatisticItem' | 'RingStatisticItem';
  /** A number as a string for plain items; name/value pairs for maps and rings. */
  readonly value: string | readonly { readonly name: string; readonly value: string }[];
  readonly size?: string;
}

export interface PdnsCacheFlushResult {
  readonly count: number;
  readonly result: string;
}

export interface PdnsPingResult {
  readonly version: string;
  readonly latencyMs: number;
}

/** A TSIG key as `GET /tsigkeys/{id}` returns it (the list leaves `key` empty). */
export interface PdnsTsigKey {
  readonly id: string;
  readonly name: string;
  readonly algorithm: string;
  /** The secret, base64. */
  readonly key: string;
}
