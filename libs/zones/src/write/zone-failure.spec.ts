import { AppError } from '@app/core';
import { PdnsConflictError, PdnsInvalidContentError, PdnsUnavailableError } from '@app/pdns-client';
import { zoneFailure } from './zone-failure';

const call = { method: 'POST', path: '/api/v1/servers/localhost/zones' };

describe('zoneFailure', () => {
  it('an "already exists" from PowerDNS (409, or a backend 422) is a 409, not an outage', () => {
    for (const error of [
      new PdnsConflictError({ ...call, status: 409, pdnsMessage: 'Conflict' }, 'Zone a.test.'),
      new PdnsInvalidContentError({
        ...call,
        status: 422,
        pdnsMessage: "Domain 'a.test.' already exists",
      }),
    ]) {
      const mapped = zoneFailure('create the zone a.test', error);
      expect(mapped).toBeInstanceOf(AppError);
      expect(mapped).toMatchObject({ code: 'CONFLICT' });
    }
  });

  it('other refusals stay 422 and real outages 502', () => {
    const invalid = new PdnsInvalidContentError({ ...call, status: 422, pdnsMessage: 'bad name' });
    expect(zoneFailure('create the zone a.test', invalid)).toMatchObject({ code: 'BAD_REQUEST' });
    const down = new PdnsUnavailableError(call, 'connection refused');
    expect(zoneFailure('create the zone a.test', down)).toMatchObject({
      code: 'UPSTREAM_UNAVAILABLE',
    });
  });
});
