import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { isIP, createServer, type Server, type Socket as TcpSocket } from 'node:net';

/**
 * A tiny authoritative DNS server that plays "the world" in tests: it answers from whatever the test
 * `set`s, over UDP and TCP on 127.0.0.1, with the AA bit.
 *
 * Behaviour, kept deliberately simple:
 * - The data is one flat map of names; there are no zone cuts or referrals. A test that wants a
 *   delegation publishes NS records and the nameservers' A records, and whoever asks follows them.
 * - A name with data answers it (NOERROR). A name with other types only, or with names below it
 *   (an empty non-terminal), answers NODATA (NOERROR, empty answer). Any other name is NXDOMAIN,
 *   whatever its zone, so no REFUSED unless a test asks for it with `fail(name, 'REFUSED')`.
 * - A CNAME answers any type and is followed within the server's data.
 * - Negative answers carry the SOA of the nearest enclosing name that has one, as real servers do.
 * - A UDP answer longer than 512 bytes is sent truncated (TC) so the client retries over TCP.
 */
export type FakeRecordType = 'A' | 'AAAA' | 'NS' | 'TXT' | 'SOA' | 'CNAME';
export type FakeFailure = 'SERVFAIL' | 'REFUSED';

export interface FakeDnsQuery {
  readonly name: string;
  readonly type: string;
  readonly transport: 'udp' | 'tcp';
}

export interface FakeDns {
  readonly host: string;
  readonly port: number;
  /** Replaces the rrset; an empty list removes it. TXT values longer than 255 bytes are split into strings. */
  set(name: string, type: FakeRecordType, values: readonly string[]): void;
  /** Removes one rrset, or every rrset of the name when `type` is omitted. */
  remove(name: string, type?: FakeRecordType): void;
  /** Makes every query for `name` or a name under it fail with `rcode`; `null` undoes it. */
  fail(name: string, rcode: FakeFailure | null): void;
  clear(): void;
  /** Every query answered since start (or since `clear`), in order. */
  readonly queries: readonly FakeDnsQuery[];
  stop(): Promise<void>;
}

export interface FakeDnsOptions {
  /** 0 (the default) picks a free port; UDP and TCP share it. */
  readonly port?: number;
  /** Default 127.0.0.1. Any 127.x.y.z works on Linux, for a second "nameserver" on the same port. */
  readonly host?: string;
}

const TYPE_CODES: Record<FakeRecordType, number> = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  TXT: 16,
  AAAA: 28,
};
const TYPE_NAMES = new Map<number, string>([
  ...Object.entries(TYPE_CODES).map(([name, code]) => [code, name] as [number, string]),
  [255, 'ANY'],
]);
const TYPE_ANY = 255;
const CLASS_IN = 1;
const TTL = 60;
const UDP_LIMIT = 512;
const RCODE = { NOERROR: 0, FORMERR: 1, SERVFAIL: 2, NXDOMAIN: 3, NOTIMP: 4, REFUSED: 5 } as const;

interface StoredRRset {
  readonly type: FakeRecordType;
  readonly values: readonly string[];
  readonly rdata: readonly Buffer[];
}

interface Question {
  readonly labels: readonly string[];
  readonly name: string;
  readonly type: number;
  readonly qclass: number;
}

interface ParsedQuery {
  readonly id: number;
  readonly flags: number;
  readonly question: Question | null;
}

interface Answer {
  readonly owner: string;
  readonly type: FakeRecordType;
  readonly rdata: Buffer;
}

export async function startFakeDns(options: FakeDnsOptions = {}): Promise<FakeDns> {
  const host = options.host ?? '127.0.0.1';
  const data = new Map<string, Map<FakeRecordType, StoredRRset>>();
  const failures = new Map<string, FakeFailure>();
  const queries: FakeDnsQuery[] = [];

  const respond = (message: Buffer, transport: 'udp' | 'tcp'): Buffer | null => {
    const query = parseQuery(message);
    if (query === null) return null;
    if (query.question) {
      queries.push({
        name: query.question.name,
        type: TYPE_NAMES.get(query.question.type) ?? String(query.question.type),
        transport,
      });
    }
    const response = answer(query, data, failures);
    if (transport === 'udp' && response.length > UDP_LIMIT) return truncated(query);
    return response;
  };

  const { udp, tcp, port } = await listen(host, options.port ?? 0, respond);
  const connections = new Set<TcpSocket>();
  tcp.on('connection', (socket: TcpSocket) => {
    connections.add(socket);
    socket.on('close', () => connections.delete(socket));
  });

  const remove = (name: string, type?: FakeRecordType): void => {
    const owner = canonical(name);
    const rrsets = data.get(owner);
    if (!rrsets) return;
    if (type) rrsets.delete(type);
    if (!type || rrsets.size === 0) data.delete(owner);
  };

  return {
    host,
    port,
    queries,
    set(name, type, values) {
      const owner = canonical(name);
      if (values.length === 0) return remove(owner, type);
      const rrsets = data.get(owner) ?? new Map<FakeRecordType, StoredRRset>();
      rrsets.set(type, {
        type,
        values: [...values],
        rdata: values.map((v) => encodeRdata(type, v)),
      });
      data.set(owner, rrsets);
    },
    remove,
    fail(name, rcode) {
      if (rcode === null) failures.delete(canonical(name));
      else failures.set(canonical(name), rcode);
    },
    clear() {
      data.clear();
      failures.clear();
      queries.length = 0;
    },
    async stop() {
      await Promise.all([
        new Promise<void>((resolve) => udp.close(() => resolve())),
        new Promise<void>((resolve) => {
          tcp.close(() => resolve());
          // A resolver may keep its TCP connection open; close() would wait for it forever.
          for (const socket of connections) socket.destroy();
        }),
      ]);
    },
  };
}

async function listen(
  host: string,
  port: number,
  respond: (message: Buffer, transport: 'udp' | 'tcp') => Buffer | null,
): Promise<{ udp: UdpSocket; tcp: Server; port: number }> {
  // With port 0 the UDP port is chosen first; TCP may find it taken, so try again a few times.
  for (let attempt = 0; ; attempt += 1) {
    const udp = createSocket(isIP(host) === 6 ? 'udp6' : 'udp4');
    udp.on('message', (message, remote) => {
      const response = respond(message, 'udp');
      if (response) udp.send(response, remote.port, remote.address);
    });
    await new Promise<void>((resolve, reject) => {
      udp.once('error', reject);
      udp.bind(port, host, () => {
        udp.off('error', reject);
        resolve();
      });
    });
    const udpPort = udp.address().port;
    const tcp = createServer((socket) => serveTcp(socket, respond));
    try {
      await new Promise<void>((resolve, reject) => {
        tcp.once('error', reject);
        tcp.listen(udpPort, host, () => {
          tcp.off('error', reject);
          resolve();
        });
      });
      return { udp, tcp, port: udpPort };
    } catch (error) {
      udp.close();
      if (port !== 0 || attempt >= 5) throw error;
    }
  }
}

/** DNS over TCP: each message is preceded by its 16-bit length (RFC 1035 §4.2.2). */
function serveTcp(
  socket: TcpSocket,
  respond: (message: Buffer, transport: 'udp' | 'tcp') => Buffer | null,
): void {
  let buffered = Buffer.alloc(0);
  socket.on('error', () => socket.destroy());
  socket.on('data', (chunk: Buffer) => {
    buffered = Buffer.concat([buffered, chunk]);
    while (buffered.length >= 2 && buffered.length >= 2 + buffered.readUInt16BE(0)) {
      const length = buffered.readUInt16BE(0);
      const message = buffered.subarray(2, 2 + length);
      buffered = buffered.subarray(2 + length);
      const response = respond(message, 'tcp');
      if (!response) {
        socket.destroy();
        return;
      }
      const prefix = Buffer.alloc(2);
      prefix.writeUInt16BE(response.length);
      socket.write(Buffer.concat([prefix, response]));
    }
  });
}

function answer(
  query: ParsedQuery,
  data: Map<string, Map<FakeRecordType, StoredRRset>>,
  failures: Map<string, FakeFailure>,
): Buffer {
  const { question } = query;
  if (question === null) return header(query, RCODE.FORMERR, { an: 0, ns: 0 }, null);
  if ((query.flags >> 11) & 0xf) return header(query, RCODE.NOTIMP, { an: 0, ns: 0 }, question);
  if (question.qclass !== CLASS_IN) {
    return header(query, RCODE.REFUSED, { an: 0, ns: 0 }, question);
  }
  const failure = [...ancestors(question.name)].map((n) => failures.get(n)).find(Boolean);
  if (failure) return header(query, RCODE[failure], { an: 0, ns: 0 }, question);

  const answers: Answer[] = [];
  let owner = question.name;
  for (let hops = 0; hops < 8; hops += 1) {
    const rrsets = data.get(owner);
    if (!rrsets) break;
    const matching =
      question.type === TYPE_ANY
        ? [...rrsets.values()]
        : [...rrsets.values()].filter((r) => TYPE_CODES[r.type] === question.type);
    if (matching.length > 0) {
      for (const rrset of matching) {
        for (const rdata of rrset.rdata) answers.push({ owner, type: rrset.type, rdata });
      }
      break;
    }
    const cname = rrsets.get('CNAME');
    if (!cname) break;
    answers.push({ owner, type: 'CNAME', rdata: cname.rdata[0] });
    owner = canonical(cname.values[0]);
  }

  const exists =
    data.has(question.name) || [...data.keys()].some((n) => n.endsWith(`.${question.name}`));
  const rcode = answers.length > 0 || exists ? RCODE.NOERROR : RCODE.NXDOMAIN;
  const authority: Answer[] = [];
  if (answers.length === 0) {
    const zone = [...ancestors(question.name)].find((n) => data.get(n)?.has('SOA'));
    const soa = zone === undefined ? undefined : data.get(zone)?.get('SOA');
    if (zone !== undefined && soa)
      authority.push({ owner: zone, type: 'SOA', rdata: soa.rdata[0] });
  }

  const parts = [header(query, rcode, { an: answers.length, ns: authority.length }, question)];
  for (const rr of [...answers, ...authority]) {
    // The owner of an answer at the question name points at the question (offset 12), which
    // echoes the asker's spelling of the name exactly.
    const ownerBytes =
      rr.owner === question.name ? Buffer.from([0xc0, 0x0c]) : encodeName(rr.owner);
    const fixed = Buffer.alloc(10);
    fixed.writeUInt16BE(TYPE_CODES[rr.type], 0);
    fixed.writeUInt16BE(CLASS_IN, 2);
    fixed.writeUInt32BE(TTL, 4);
    fixed.writeUInt16BE(rr.rdata.length, 8);
    parts.push(ownerBytes, fixed, rr.rdata);
  }
  return Buffer.concat(parts);
}

function truncated(query: ParsedQuery): Buffer {
  const response = header(query, RCODE.NOERROR, { an: 0, ns: 0 }, query.question);
  response.writeUInt16BE(response.readUInt16BE(2) | 0x0200, 2);
  return response;
}

/** The header and the echoed question. QR and AA set; opcode and RD copied; no recursion offered. */
function header(
  query: ParsedQuery,
  rcode: number,
  counts: { an: number; ns: number },
  question: Question | null,
): Buffer {
  const head = Buffer.alloc(12);
  head.writeUInt16BE(query.id, 0);
  head.writeUInt16BE(0x8000 | (query.flags & 0x7900) | 0x0400 | rcode, 2);
  head.writeUInt16BE(question ? 1 : 0, 4);
  head.writeUInt16BE(counts.an, 6);
  head.writeUInt16BE(counts.ns, 8);
  head.writeUInt16BE(0, 10);
  if (!question) return head;
  const tail = Buffer.alloc(4);
  tail.writeUInt16BE(question.type, 0);
  tail.writeUInt16BE(question.qclass, 2);
  return Buffer.concat([head, encodeLabels(question.labels), tail]);
}

/** Header and first question of a query; null when the message is too broken to answer at all. */
function parseQuery(message: Buffer): ParsedQuery | null {
  if (message.length < 12) return null;
  const id = message.readUInt16BE(0);
  const flags = message.readUInt16BE(2);
  if (flags & 0x8000) return null; // a response, not a query
  if (message.readUInt16BE(4) !== 1) return { id, flags, question: null };
  const parsed = readName(message, 12);
  if (parsed === null || parsed.end + 4 > message.length) return { id, flags, question: null };
  return {
    id,
    flags,
    question: {
      labels: parsed.labels,
      name: parsed.labels.join('.').toLowerCase(),
      type: message.readUInt16BE(parsed.end),
      qclass: message.readUInt16BE(parsed.end + 2),
    },
  };
}

/** Reads a name at `offset`, following compression pointers (RFC 1035 §4.1.4). */
function readName(message: Buffer, offset: number): { labels: string[]; end: number } | null {
  const labels: string[] = [];
  let position = offset;
  let end: number | null = null;
  for (let jumps = 0; jumps < 64;) {
    if (position >= message.length) return null;
    const length = message[position];
    if (length === 0) return { labels, end: end ?? position + 1 };
    if ((length & 0xc0) === 0xc0) {
      if (position + 1 >= message.length) return null;
      end ??= position + 2;
      position = ((length & 0x3f) << 8) | message[position + 1];
      jumps += 1;
      continue;
    }
    if (length & 0xc0 || position + 1 + length > message.length) return null;
    labels.push(message.toString('latin1', position + 1, position + 1 + length));
    position += 1 + length;
  }
  return null;
}

function encodeName(name: string): Buffer {
  return encodeLabels(name === '' ? [] : name.split('.'));
}

function encodeLabels(labels: readonly string[]): Buffer {
  const parts: Buffer[] = [];
  for (const label of labels) {
    const bytes = Buffer.from(label, 'latin1');
    if (bytes.length === 0 || bytes.length > 63) throw new Error(`bad label '${label}'`);
    parts.push(Buffer.from([bytes.length]), bytes);
  }
  parts.push(Buffer.from([0]));
  return Buffer.concat(parts);
}

function encodeRdata(type: FakeRecordType, value: string): Buffer {
  switch (type) {
    case 'A': {
      if (isIP(value) !== 4) throw new Error(`fake DNS: '${value}' is not an IPv4 address`);
      return Buffer.from(value.split('.').map(Number));
    }
    case 'AAAA':
      return encodeIpv6(value);
    case 'NS':
    case 'CNAME':
      return encodeName(canonical(value));
    case 'TXT': {
      const bytes = Buffer.from(value, 'utf8');
      const parts: Buffer[] = [];
      for (let i = 0; i < bytes.length || i === 0; i += 255) {
        const chunk = bytes.subarray(i, i + 255);
        parts.push(Buffer.from([chunk.length]), chunk);
      }
      return Buffer.concat(parts);
    }
    case 'SOA': {
      const fields = value.trim().split(/\s+/);
      if (fields.length !== 7) throw new Error(`fake DNS: SOA needs 7 fields, got '${value}'`);
      const numbers = Buffer.alloc(20);
      fields.slice(2).forEach((n, i) => numbers.writeUInt32BE(Number(n), i * 4));
      return Buffer.concat([
        encodeName(canonical(fields[0])),
        encodeName(canonical(fields[1])),
        numbers,
      ]);
    }
  }
}

function encodeIpv6(value: string): Buffer {
  if (isIP(value) !== 6 || value.includes('.') || value.includes('%')) {
    throw new Error(`fake DNS: '${value}' is not a plain IPv6 address`);
  }
  const [head, tail] = value.split('::') as [string, string | undefined];
  const left = head === '' ? [] : head.split(':');
  const right = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups =
    tail === undefined
      ? left
      : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const bytes = Buffer.alloc(16);
  groups.forEach((g, i) => bytes.writeUInt16BE(parseInt(g, 16), i * 2));
  return bytes;
}

function canonical(name: string): string {
  const lower = name.trim().toLowerCase();
  return lower.endsWith('.') ? lower.slice(0, -1) : lower;
}

/** The name itself, then each enclosing name up to the TLD. */
function* ancestors(name: string): Generator<string> {
  let current = name;
  while (current !== '') {
    yield current;
    const dot = current.indexOf('.');
    current = dot < 0 ? '' : current.slice(dot + 1);
  }
}
