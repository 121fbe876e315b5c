import request from 'supertest';
import { type IdentityHarness, startIdentityHarness, newTenant } from './support/identity';

/**
 * Shapes of the public documentation (reference and tutorials) that clients read field by field:
 * each case sends the documented request and checks the documented answer.
 */
describe('documented wire shapes (e2e)', () => {
  let h: IdentityHarness;

  beforeAll(async () => {
    h = await startIdentityHarness();
  });

  afterAll(async () => {
    await h.close();
  });

  const api = () => request(h.http);

  describe('GET /auth/config', () => {
    it("names ScaiDNS's own /api/v1/auth/me as the user-info endpoint, and it answers there", async () => {
      const res = await api().get('/api/v1/auth/config').expect(200);
      const base = (process.env.EXTERNAL_URL ?? '').replace(/\/+$/, '');
      expect(res.body).toMatchObject({
        authorization_endpoint: expect.any(String),
        token_endpoint: expect.any(String),
        userinfo_endpoint: `${base}/api/v1/auth/me`,
        jwks_uri: expect.any(String),
        issuer: expect.any(String),
        client_id: expect.any(String),
        scopes: ['openid', 'profile', 'email'],
      });
      const [user] = await newTenant(h, 1);
      const path = new URL(res.body.userinfo_endpoint as string).pathname;
      await api().get(path).set(user.auth()).expect(200);
    });
  });
});
