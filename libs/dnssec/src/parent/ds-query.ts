import { randomInt } from 'node:crypto';
import { createSocket } from 'node:dgram';
import { isIP } from 'node:net';
import type { HostPort } from '@app/core';
import { type DsRecord, wireName } from '../keys/dnskey';

/** What DNS says about a zone's DS rrset (which its parent publishes). */
export type DsLookup =
  | { readonly outcome: 'found'; readonly records: readonly DsRecord[]; readonly ttl: number }
  /** NOERROR without a DS, or NXDOMAIN: no DS is published. */
  | { readonly outcome: 'none' }
  | { readonly outcome: 'error'; readonly message: string };

const DS = 43;
const OPT = 41;

/** A DS question for `name`, recursion desired, with an EDNS0 OPT of 1232 bytes. */
export function dsQuery(id: number, name: string): Buffer {
  const header = Buffer.alloc(12);
  header.writeUInt16BE(id, 0);
  header.writeUInt16BE(0x0100, 2);
  header.writeUInt16BE(1, 4);
  header.writeUInt16BE(1, 10);
  const question = Buffer.alloc(4);
  question.writeUInt16BE(DS, 0);
  question.writeUInt16BE(1, 2);
  const opt = Buffer.from([0, 0, OPT, 0x04, 0xd0, 0, 0, 0, 0, 0, 0]);
  return Buffer.concat([header, wireName(name), question, opt]);
}

/** Skips a (possibly compressed) name; returns the offset after it. */
function skipName(msg: Buffer, offset: number): number {
  let at = offset;
  for (;;) {
    if (at >= msg.length) throw new Error('truncated name');
    const len = msg[at];
    if ((len & 0xc0) === 0xc0) return at + 2;
    if (len === 0) return at + 1;
    at += len + 1;
  }
}

/** Reads the DS records of an answer to `dsQuery(id, …)`. */
export function parseDsAnswer(msg: Buffer, id: number): DsLookup {
  if (msg.length < 12 || msg.readUInt16BE(0) !== id) {
    return { outcome: 'error', message: 'unrelated answer' };
  }
  const flags = msg.readUInt16BE(2);
  if (flags & 0x0200) return { outcome: 'error', message: 'answer truncated' };
  const rcode = flags & 0x0f;
  if (rcode === 3) return { outcome: 'none' };
  if (rcode !== 0) {
    const names: Record<number, string> = {
      1: 'FORMERR',
      2: 'SERVFAIL',
      4: 'NOTIMP',
      5: 'REFUSED',
    };
    return {
      outcome: 'error',
      message: `the resolver answered ${names[rcode] ?? `rcode ${rcode}`}`,
    };
  }
  const questions = msg.readUInt16BE(4);
  const answers = msg.readUInt16BE(6);
  let at = 12;
  try {
    for (let i = 0; i < questions; i += 1) at = skipName(msg, at) + 4;
    const records: DsRecord[] = [];
    let ttl = Number.MAX_SAFE_INTEGER;
    for (let i = 0; i < answers; i += 1) {
      at = skipName(msg, at);
      const type = msg.readUInt16BE(at);
      const rrTtl = msg.readUInt32BE(at + 4);
      const length = msg.readUInt16BE(at + 8);
      const data = msg.subarray(at + 10, at + 10 + length);
      at += 10 + length;
      if (type !== DS || data.length < 5) continue;
      records.push({
        keyTag: data.readUInt16BE(0),
        algorithm: data[2],
        digestType: data[3],
        digest: data.subarray(4).toString('hex'),
      });
      ttl = Math.min(ttl, rrTtl);
    }
    return records.length > 0 ? { outcome: 'found', records, ttl } : { outcome: 'none' };
  } catch {
    return { outcome: 'error', message: 'unreadable answer' };
  }
}

function askOne(server: HostPort, name: string, timeoutMs: number): Promise<DsLookup> {
  return new Promise((resolve) => {
    const id = randomInt(0, 0x10000);
    const socket = createSocket(isIP(server.host) === 6 ? 'udp6' : 'udp4');
    const done = (result: DsLookup) => {
      clearTimeout(timer);
      socket.close();
      resolve(result);
    };
    const timer = setTimeout(
      () => done({ outcome: 'error', message: `no answer within ${timeoutMs} ms` }),
      timeoutMs,
    );
    socket.on('error', (error) => done({ outcome: 'error', message: error.message }));
    socket.on('message', (msg) => {
      const result = parseDsAnswer(msg, id);
      if (result.outcome === 'error' && result.message === 'unrelated answer') return;
      done(result);
    });
    socket.send(dsQuery(id, name), server.port, server.host, (error) => {
      if (error) done({ outcome: 'error', message: error.message });
    });
  });
}

/**
 * The DS rrset of `zone` as the resolvers see it (the parent's, through recursion): the first
 * resolver that answers says. Node's resolver can't ask for DS, hence this small UDP query.
 */
export async function lookupDs(
  resolvers: readonly HostPort[],
  zone: string,
  timeoutMs: number,
): Promise<DsLookup> {
  const failures: string[] = [];
  for (const server of resolvers) {
    const result = await askOne(server, zone, timeoutMs);
    if (result.outcome !== 'error') return result;
    failures.push(`${server.host}:${server.port}: ${result.message}`);
  }
  return {
    outcome: 'error',
    message: failures.length ? failures.join('; ') : 'no resolvers are configured',
  };
}
