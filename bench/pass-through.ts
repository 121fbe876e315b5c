/**
 * The thinnest service that can stand in front of PowerDNS, for the records benchmark's floor: a
 * bare Node HTTP server (no framework, no authentication, no lock, no audit) that takes a record as
 * JSON and sends PowerDNS the same PATCH ScaiDNS would, with ScaiDNS's own PowerDNS client, and
 * answers once PowerDNS has. What it costs over raw PowerDNS is the least any HTTP service in front
 * of PowerDNS adds on this machine: one more HTTP hop and a JSON body each way.
 *
 *   started by bench/records.bench.ts: PORT, PDNS_API_URL, PDNS_API_KEY in the environment
 */
import 'tsconfig-paths/register';
import { createServer } from 'node:http';
import { PdnsZonePatcher } from '@app/pdns-client/zone-patch';
import { benchPdnsClient } from './pdns';

const pdns = benchPdnsClient();
const patcher = new PdnsZonePatcher(pdns);

const server = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on('data', (chunk: Buffer) => chunks.push(chunk));
  req.on('end', () => {
    const { zone, name, content } = JSON.parse(Buffer.concat(chunks).toString()) as {
      zone: string;
      name: string;
      content: string;
    };
    patcher
      .patchRRSets(zone, [
        {
          name: `${name}.${zone}`,
          type: 'A',
          changetype: 'REPLACE',
          ttl: 300,
          records: [{ content }],
        },
      ])
      .then(
        () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ name, type: 'A', content }));
        },
        (error: unknown) => {
          res.writeHead(502, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ detail: String(error) }));
        },
      );
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  server.close();
  void pdns.close();
});
