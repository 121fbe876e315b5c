import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { PdnsClient } from './pdns.client';
import {
  PdnsConflictError,
  PdnsError,
  PdnsInvalidContentError,
  PdnsNotFoundError,
  PdnsPayloadTooLargeError,
  PdnsUnavailableError,
} from './pdns.errors';
import { PdnsZonePatcher } from './zone-patch';

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

type Reply = (req: Seen, res: ServerResponse) => void;

/** A stand-in for PowerDNS's webserver: records each request and answers with `reply`. */
describe('PdnsClient against a fake PowerDNS', () => {
  let server: Server;
  let port: number;
  let reply: Reply;
  let seen: Seen[];
  let client: PdnsClient;

  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => (body += chunk));
      req.on('end', () => {
        const entry = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
        seen.push(entry);
        reply(entry, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  beforeEach(() => {
    seen = [];
    reply = (_req, res) => json(res, 200, {});
    client = new PdnsClient({
      apiUrl: `http://127.0.0.1:${port}/`,
      apiKey: 'k3y',
      serverId: 'localhost',
      timeoutMs: 1000,
    });
  });

  afterEach(() => client.close());

  function json(res: ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { 'content-type': 'application/json', connection: 'close' });
    res.end(JSON.stringify(body));
  }

  function text(res: ServerResponse, status: number, body: string): void {
    res.writeHead(status, { 'content-type': 'text/plain', connection: 'close' });
    res.end(body);
  }

  async function failure(promise: Promise<unknown>): Promise<PdnsError> {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(PdnsError);
    return error as PdnsError;
  }

  it('sends the API key and Accept on every call, Content-Type only with a body', async () => {
    reply = (_req, res) => json(res, 200, { id: 'localhost', version: '4.7.3' });
    await client.getServer();
    reply = (_req, res) => {
      res.writeHead(204);
      res.end();
    };
    await client.updateZone('example.com.', { api_rectify: false });

    expect(seen[0].method).toBe('GET');
    expect(seen[0].url).toBe('/api/v1/servers/localhost');
    expect(seen[0].headers['x-api-key']).toBe('k3y');
    expect(seen[0].headers.accept).toBe('application/json');
    expect(seen[0].headers['content-type']).toBeUndefined();
    expect(seen[1].method).toBe('PUT');
    expect(seen[1].headers['content-type']).toBe('application/json');
    expect(JSON.parse(seen[1].body)).toEqual({ api_rectify: false });
  });

  it('percent-encodes zone ids and builds query strings', async () => {
    await client.getZone('64/26.100.51.198.in-addr.arpa.', {
      rrsets: false,
      rrsetName: 'a.example.',
      rrsetType: 'A',
    });
    await client.listZones({ zone: 'Example.com', dnssec: false });
    await client.searchData('exa*', { max: 5, objectType: 'zone' });
    await client.flushCache('example.com.');
    expect(seen.map((s) => s.url)).toEqual([
      '/api/v1/servers/localhost/zones/64%3D2F26.100.51.198.in-addr.arpa.?rrsets=false&rrset_name=a.example.&rrset_type=A',
      '/api/v1/servers/localhost/zones?zone=example.com.&dnssec=false',
      '/api/v1/servers/localhost/search-data?q=exa*&max=5&object_type=zone',
      '/api/v1/servers/localhost/cache/flush?domain=example.com.',
    ]);
  });

  it('drops the empty commented rrsets PowerDNS adds to an rrset_name filter', async () => {
    const rrset = (
      name: string,
      type: string,
      records: { content: string; disabled: boolean }[],
    ) => ({
      name,
      type,
      ttl: records.length ? 60 : 0,
      records,
      comments: [],
    });
    reply = (_req, res) =>
      json(res, 200, {
        id: 'example.com.',
        name: 'example.com.',
        rrsets: [
          rrset('www.example.com.', 'A', [{ content: '192.0.2.1', disabled: false }]),
          rrset('www.example.com.', 'TXT', [{ content: '"x"', disabled: false }]),
          rrset('other.example.com.', 'TXT', []),
        ],
      });
    const byName = await client.getZone('example.com.', { rrsetName: 'WWW.example.com.' });
    expect(byName.rrsets?.map((r) => `${r.name} ${r.type}`)).toEqual([
      'www.example.com. A',
      'www.example.com. TXT',
    ]);
    const byType = await client.getZone('example.com.', {
      rrsetName: 'www.example.com.',
      rrsetType: 'txt',
    });
    expect(byType.rrsets?.map((r) => r.type)).toEqual(['TXT']);
  });

  it('keeps a path prefix of the API URL', async () => {
    const prefixed = new PdnsClient({
      apiUrl: `http://127.0.0.1:${port}/pdns`,
      apiKey: 'k',
      serverId: 'localhost',
      timeoutMs: 1000,
    });
    await prefixed.listServers();
    await prefixed.close();
    expect(seen[0].url).toBe('/pdns/api/v1/servers');
  });

  it('returns export text from the JSON reply and from a plain-text one', async () => {
    reply = (_req, res) => json(res, 200, { zone: 'a.example.\t60\tIN\tA\t192.0.2.1\n' });
    await expect(client.exportZone('a.example.')).resolves.toBe(
      'a.example.\t60\tIN\tA\t192.0.2.1\n',
    );
    reply = (_req, res) => text(res, 200, 'b.example.\t60\tIN\tA\t192.0.2.2\n');
    await expect(client.exportZone('b.example.')).resolves.toBe(
      'b.example.\t60\tIN\tA\t192.0.2.2\n',
    );
  });

  it('maps 422 to PdnsInvalidContentError carrying PowerDNS’s message', async () => {
    reply = (_req, res) =>
      json(res, 422, { error: 'Record a.example./A: unable to parse IP address' });
    const error = await failure(new PdnsZonePatcher(client).patchRRSets('example.com.', []));
    expect(error).toBeInstanceOf(PdnsInvalidContentError);
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.detail).toBe(
      'PowerDNS rejected the change: Record a.example./A: unable to parse IP address',
    );
    expect(error.status).toBe(422);
    expect(error.method).toBe('PATCH');
  });

  it('maps a plain-text 400 to PdnsInvalidContentError', async () => {
    reply = (_req, res) => text(res, 400, 'Bad Request');
    const error = await failure(client.updateZone('example.com.', {}));
    expect(error).toBeInstanceOf(PdnsInvalidContentError);
    expect(error.pdnsMessage).toBe('Bad Request');
  });

  it('maps 404 (JSON or text) to PdnsNotFoundError naming the zone', async () => {
    reply = (_req, res) => text(res, 404, 'Not Found');
    const error = await failure(client.getZone('missing.example.'));
    expect(error).toBeInstanceOf(PdnsNotFoundError);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.detail).toBe('Zone missing.example. not found in PowerDNS');
  });

  it('maps 409 to PdnsConflictError', async () => {
    reply = (_req, res) => json(res, 409, { error: 'Conflict' });
    const error = await failure(client.createZone({ name: 'Dup.example', kind: 'Native' }));
    expect(error).toBeInstanceOf(PdnsConflictError);
    expect(error.code).toBe('CONFLICT');
    expect(error.detail).toBe('Zone dup.example. already exists in PowerDNS');
  });

  it('maps 413 to PdnsPayloadTooLargeError', async () => {
    reply = (_req, res) => text(res, 413, 'Request Entity Too Large');
    const error = await failure(new PdnsZonePatcher(client).patchRRSets('example.com.', []));
    expect(error).toBeInstanceOf(PdnsPayloadTooLargeError);
    expect(error.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('maps 5xx to PdnsUnavailableError without the body in the detail', async () => {
    reply = (_req, res) => text(res, 500, "GSQLBackend: Access denied for user 'pdns'");
    const error = await failure(client.listZones());
    expect(error).toBeInstanceOf(PdnsUnavailableError);
    expect(error.code).toBe('UPSTREAM_UNAVAILABLE');
    expect(error.detail).toBe('PowerDNS is unavailable: HTTP 500');
    expect(error.pdnsMessage).toBe("GSQLBackend: Access denied for user 'pdns'");
  });

  it('maps a refused API key to PdnsUnavailableError', async () => {
    reply = (_req, res) => text(res, 401, 'Unauthorized');
    const error = await failure(client.getServer());
    expect(error).toBeInstanceOf(PdnsUnavailableError);
    expect(error.detail).toBe('PowerDNS is unavailable: the API key was refused (HTTP 401)');
  });

  it('maps a reply that never comes to a timeout', async () => {
    reply = () => undefined;
    const started = Date.now();
    const error = await failure(client.getServer());
    expect(error).toBeInstanceOf(PdnsUnavailableError);
    expect(error.detail).toBe('PowerDNS is unavailable: timed out after 1000 ms');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('maps a connection reset to PdnsUnavailableError', async () => {
    reply = (req, res) => res.socket?.destroy();
    const error = await failure(client.deleteZone('example.com.'));
    expect(error).toBeInstanceOf(PdnsUnavailableError);
    expect(error.detail).toMatch(/^PowerDNS is unavailable: connection (reset|closed)$/);
  });

  it('sends a GET once more when the socket dies before an answer', async () => {
    let calls = 0;
    reply = (_req, res) => {
      calls += 1;
      if (calls === 1) res.socket?.destroy();
      else json(res, 200, [{ id: 'localhost' }]);
    };
    await expect(client.listServers()).resolves.toEqual([{ id: 'localhost' }]);
    expect(calls).toBe(2);
  });

  it('maps an unparsable 200 to PdnsUnavailableError', async () => {
    reply = (_req, res) => text(res, 200, '<html>proxy</html>');
    const error = await failure(client.listZones());
    expect(error.detail).toBe('PowerDNS is unavailable: unreadable reply');
  });

  it('healthCheck reports ok with the version, or the unavailable reason', async () => {
    reply = (_req, res) => json(res, 200, { id: 'localhost', version: '4.7.3' });
    await expect(client.healthCheck()).resolves.toMatchObject({
      status: 'ok',
      message: expect.stringMatching(/^PowerDNS 4\.7\.3 \(\d+ ms\)$/),
    });
    await expect(client.isReachable()).resolves.toBe(true);
    reply = (_req, res) => text(res, 503, 'busy');
    await expect(client.healthCheck()).resolves.toEqual({
      status: 'error',
      message: 'PowerDNS is unavailable: HTTP 503',
    });
    await expect(client.isReachable()).resolves.toBe(false);
  });

  it('builds from the app config under Nest', () => {
    const fromConfig = new PdnsClient({
      pdns: {
        apiUrl: `http://127.0.0.1:${port}`,
        apiKey: 'k',
        serverId: 'localhost',
        timeoutMs: 500,
      },
    } as never);
    expect(fromConfig).toBeInstanceOf(PdnsClient);
    return fromConfig.close();
  });
});

describe('PdnsClient without a server', () => {
  it('maps connection refused to PdnsUnavailableError', async () => {
    const client = new PdnsClient({
      apiUrl: 'http://127.0.0.1:1',
      apiKey: 'k',
      serverId: 'localhost',
      timeoutMs: 1000,
    });
    try {
      await expect(client.listZones()).rejects.toMatchObject({
        code: 'UPSTREAM_UNAVAILABLE',
        detail: 'PowerDNS is unavailable: connection refused',
      });
      await expect(client.healthCheck()).resolves.toEqual({
        status: 'error',
        message: 'PowerDNS is unavailable: connection refused',
      });
    } finally {
      await client.close();
    }
  });
});
