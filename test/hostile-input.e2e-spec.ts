import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type Redis from 'ioredis';
import { REDIS } from '@app/core';
import { createTestApp } from './support/app';
import {
  grantSystemRole,
  type IdentityHarness,
  newTenant,
  startIdentityHarness,
  type TestUser,
} from './support/identity';
import { ProbeController } from './support/probe.controller';

/**
 * Bad input and hostile callers (issue 10 §5, issue 11's 415): bodies that are not JSON, JSON
 * nested to exhaust the stack, tokens without an expiry, brute-forced credentials. Each is refused
 * with a 4xx in bounded time, and none of it disturbs a legitimate caller.
 */
describe('hostile input (e2e)', () => {
  describe('request bodies', () => {
    let app: INestApplication;
    let http: ReturnType<INestApplication['getHttpServer']>;

    beforeAll(async () => {
      process.env.SCAIKEY_WEBHOOK_SECRET = 'hostile-input-webhook-secret';
      app = await createTestApp({ controllers: [ProbeController] });
      http = app.getHttpServer();
    });

    afterAll(async () => {
      await app.close();
    });

    const post = (path: string, type: string, body: string | Buffer) =>
      request(http).post(path).set('Content-Type', type).send(body);
    const nested = (depth: number, leaf = '1') => '['.repeat(depth) + leaf + ']'.repeat(depth);

    it('refuses JSON nested 2,000 deep with 422, not a 500 from the transformer', async () => {
      const res = await post(
        '/api/v1/probe',
        'application/json',
        `{"name": "x", "ttl": 60, "extra": ${nested(2000)}}`,
      ).expect(422);
      expect(res.body).toEqual({
        detail: [
          {
            loc: ['body'],
            msg: 'Request body nests arrays and objects deeper than 32 levels',
            type: 'json_too_deep',
          },
        ],
      });
    });

    it('answers 1 MB of opening brackets with 422 (the scan stops at the bound)', async () => {
      const res = await post('/api/v1/probe', 'application/json', '['.repeat(1024 * 1024)).expect(
        422,
      );
      expect(res.body.detail[0]).toMatchObject({ loc: ['body'], type: 'json_too_deep' });
      const objects = await post(
        '/api/v1/probe',
        'application/json',
        '{"a":'.repeat(200_000) + '1' + '}'.repeat(200_000),
      ).expect(422);
      expect(objects.body.detail[0].type).toBe('json_too_deep');
    });

    it('accepts nesting up to the bound, and never counts brackets inside strings', async () => {
      // The body itself is one level, so 31 more make 32: parsed (and the unknown field dropped, as
      // every unknown field is), where one more is refused unparsed.
      const deepest = await post(
        '/api/v1/probe',
        'application/json',
        `{"name": "x", "ttl": 60, "extra": ${nested(31)}}`,
      ).expect(201);
      expect(deepest.body).toEqual({ name: 'x', ttl: 60 });
      const deeper = await post(
        '/api/v1/probe',
        'application/json',
        `{"name": "x", "ttl": 60, "extra": ${nested(32)}}`,
      ).expect(422);
      expect(deeper.body.detail[0]).toMatchObject({ loc: ['body'], type: 'json_too_deep' });
      const tricky = `${'['.repeat(100)}\\"${'{'.repeat(100)}\\\\`;
      const res = await post(
        '/api/v1/probe',
        'application/json',
        JSON.stringify({ name: tricky, ttl: 60 }),
      ).expect(201);
      expect(res.body.name).toBe(tricky);
    });

    it('refuses a body that is not JSON with 415 {detail}', async () => {
      for (const type of [
        'text/plain',
        'application/x-www-form-urlencoded',
        'application/xml',
        'multipart/form-data; boundary=x',
      ]) {
        const res = await post('/api/v1/probe', type, 'name=x&ttl=60').expect(415);
        expect(res.body).toEqual({
          detail: `Unsupported request body type ${type.split(';')[0]}: send application/json`,
        });
      }
      const untyped = await request(http)
        .post('/api/v1/probe')
        .set('Content-Type', '')
        .send(Buffer.from('{"name":"x","ttl":60}'))
        .expect(415);
      expect(untyped.body.detail).toMatch(/no Content-Type/);
    });

    it('refuses JSON in another charset than UTF-8 with 415', async () => {
      const res = await post(
        '/api/v1/probe',
        'application/json; charset=utf-16le',
        Buffer.from('{"name":"x","ttl":60}', 'utf16le'),
      ).expect(415);
      expect(res.body.detail).toMatch(/UTF-8/);
    });

    it('takes application/json with a charset and any +json type', async () => {
      const body = '{"name":"x","ttl":60}';
      await post('/api/v1/probe', 'application/json; charset=UTF-8', body).expect(201);
      await post('/api/v1/probe', 'application/merge-patch+json', body).expect(201);
    });

    it('lets multipart/form-data through on file-upload routes only', async () => {
      const boundary = 'x-boundary';
      const form = [
        `--${boundary}`,
        'Content-Disposition: form-data; name="file"; filename="zone.txt"',
        'Content-Type: text/plain',
        '',
        'www 3600 IN A 192.0.2.1',
        `--${boundary}--`,
        '',
      ].join('\r\n');
      const type = `multipart/form-data; boundary=${boundary}`;
      expect((await post('/api/v1/probe/import/file', type, form).expect(201)).body).toEqual({
        accepted: true,
      });
      await post('/api/v1/probe/import/file', 'text/plain', form).expect(415);
    });

    it('never refuses a request without a body, whatever it says its type is', async () => {
      const res = await request(http).post('/api/v1/probe').expect(422);
      expect(res.body.detail[0]).toMatchObject({ loc: ['body', 'name'] });
      await request(http)
        .post('/api/v1/probe')
        .set('Content-Type', 'text/plain')
        .set('Content-Length', '0')
        .expect(422);
      await request(http).get('/api/v1/probe/query').set('Content-Type', 'text/plain').expect(200);
    });

    it('keeps the signed webhook on raw bytes, whatever their content type', async () => {
      // Not 415: the body is read as bytes for the signature check, which this one fails.
      const res = await post('/api/v1/webhooks/scaikey', 'text/plain', '{"event_id":"e"}').expect(
        401,
      );
      expect(res.body.detail).toMatch(/signature/i);
    });
  });

  describe('tokens and credentials', () => {
    let h: IdentityHarness;
    let alice: TestUser;

    beforeAll(async () => {
      // The suite's requests stand for clients at many addresses: from loopback, X-Forwarded-For
      // is believed (and loopback itself spends none of its failure budget here).
      process.env.TRUSTED_PROXIES = '127.0.0.1,::1';
      // The production default (test/support/load-env.ts raises it for every other suite).
      process.env.RATE_LIMIT_AUTH_FAILURES_PER_MINUTE = '30';
      h = await startIdentityHarness();
      [alice] = await newTenant(h, 1);
    });

    afterAll(async () => {
      await h.close();
    });

    const me = (token: string) =>
      request(h.http).get('/api/v1/me').set('Authorization', `Bearer ${token}`);
    const now = () => Math.floor(Date.now() / 1000);

    describe('JWT time claims', () => {
      it('refuses a token without exp', async () => {
        const token = h.standIn.userToken(alice.record.id, { claims: { exp: undefined } });
        expect((await me(token).expect(401)).body).toEqual({
          detail: 'Token has no expiry (exp)',
        });
        const validated = await request(h.http)
          .post('/api/v1/auth/validate')
          .send({ token })
          .expect(200);
        expect(validated.body).toEqual({ valid: false, reason: 'Token has no expiry (exp)' });
      });

      it('refuses a token issued a day in the future, accepts one within the 30 s skew', async () => {
        const future = h.standIn.userToken(alice.record.id, {
          expiresIn: 2 * 86_400,
          claims: { iat: now() + 86_400 },
        });
        expect((await me(future).expect(401)).body).toEqual({
          detail: 'Token is issued in the future (iat)',
        });
        const validated = await request(h.http)
          .post('/api/v1/auth/validate')
          .send({ token: future })
          .expect(200);
        expect(validated.body.valid).toBe(false);
        const slightlyAhead = h.standIn.userToken(alice.record.id, {
          claims: { iat: now() + 10 },
        });
        await me(slightlyAhead).expect(200);
      });

      it('refuses a token whose nbf is ahead', async () => {
        const token = h.standIn.userToken(alice.record.id, { claims: { nbf: now() + 3600 } });
        expect((await me(token).expect(401)).body).toEqual({ detail: 'Token is not valid yet' });
        await me(h.standIn.userToken(alice.record.id, { claims: { nbf: now() - 5 } })).expect(200);
      });
    });

    describe('failed authentication, limited per client address', () => {
      let key: string;
      /** A fresh documentation-range address per call, so reruns against one Redis start clean. */
      const address = () =>
        `100.${64 + Math.floor(Math.random() * 64)}.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
      const withKey = (secret: string, from: string) =>
        request(h.http).get('/api/v1/me').set('X-API-Key', secret).set('X-Forwarded-For', from);
      const badKey = () => `sdk_live_${Math.random().toString(36).slice(2)}${'x'.repeat(20)}`;

      beforeAll(async () => {
        await grantSystemRole(h, alice, 'tenant_admin');
        const created = await request(h.http)
          .post('/api/v1/api-keys/')
          .set(alice.auth())
          .send({ name: 'holder', permission_source: 'user', permission_source_id: alice.id })
          .expect(200);
        key = created.body.key as string;
      });

      it('2,000 bad keys in a burst: 429 with Retry-After past the limit, no oracle, others unaffected', async () => {
        const attacker = address();
        const statuses: number[] = [];
        const retryAfter: string[] = [];
        for (let batch = 0; batch < 100; batch++) {
          const answers = await Promise.all(
            Array.from({ length: 20 }, () => withKey(badKey(), attacker)),
          );
          for (const res of answers) {
            statuses.push(res.status);
            if (res.status === 429) {
              retryAfter.push(String(res.headers['retry-after']));
              expect(res.body.detail).toMatch(/Too many failed authentication attempts/);
            }
          }
        }
        expect(statuses.filter((s) => s !== 401 && s !== 429)).toEqual([]);
        // A burst of 30 (RATE_LIMIT_AUTH_FAILURES_PER_MINUTE), then one every 2 s while it lasts.
        const refusedAsBad = statuses.filter((s) => s === 401).length;
        expect(refusedAsBad).toBeGreaterThanOrEqual(30);
        expect(refusedAsBad).toBeLessThan(60);
        expect(retryAfter.length).toBe(2000 - refusedAsBad);
        expect(retryAfter.every((v) => Number(v) >= 1 && Number(v) <= 2)).toBe(true);

        // The real key is refused at that address just like a guess (an answer would be an oracle)...
        const same = await withKey(key, attacker).expect(429);
        expect(same.headers['retry-after']).toBeDefined();
        // ...while its holder elsewhere, by key or token, is not affected at all.
        await withKey(key, address()).expect(200);
        await request(h.http)
          .get('/api/v1/me')
          .set(alice.auth())
          .set('X-Forwarded-For', address())
          .expect(200);
        // A request without credentials is just unauthenticated.
        await request(h.http).get('/api/v1/me').set('X-Forwarded-For', attacker).expect(401);

        // Once Retry-After has passed, the real key works from that address again.
        await new Promise((resolve) =>
          setTimeout(resolve, Number(same.headers['retry-after']) * 1000 + 200),
        );
        await withKey(key, attacker).expect(200);
      });

      it('counts bad tokens as well, and never successful authentications', async () => {
        const client = address();
        // (Fewer than the key's own limit of 100 a minute.)
        for (let i = 0; i < 50; i++) await withKey(key, client).expect(200);
        for (let i = 0; i < 30; i++) {
          await request(h.http)
            .get('/api/v1/me')
            .set('Authorization', 'Bearer not.a.jwt')
            .set('X-Forwarded-For', client)
            .expect(401);
        }
        await withKey(badKey(), client).expect(429);
        // A token this process has verified before (and so answers from memory) is refused there
        // too, and the refused request counts nothing against its user's own rate limit.
        await request(h.http).get('/api/v1/me').set(alice.auth()).expect(200);
        const redis = h.app.get<Redis>(REDIS);
        const userLimit = `scaidns:ratelimit:user:${alice.id}`;
        const before = await redis.get(userLimit);
        expect(before).not.toBeNull();
        await request(h.http)
          .get('/api/v1/me')
          .set(alice.auth())
          .set('X-Forwarded-For', client)
          .expect(429);
        expect(await redis.get(userLimit)).toBe(before);
        await request(h.http).get('/api/v1/me').set(alice.auth()).expect(200);
        expect(await redis.get(userLimit)).not.toBe(before);
      });

      it('groups an IPv6 client by its /64', async () => {
        const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`;
        for (let i = 0; i < 30; i++) await withKey(badKey(), `${prefix}::${i + 1}`).expect(401);
        await withKey(badKey(), `${prefix}::ffff`).expect(429);
        await withKey(key, `${prefix.replace(/:1$/, ':2')}::1`).expect(200);
      });
    });
  });
});
