import { HttpException, Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from '@app/core';
import { PdnsUnavailableError } from '@app/pdns-client';
import { toErrorReply } from './all-exceptions.filter';

function refused(errno: number, sqlMessage: string): QueryFailedError {
  return new QueryFailedError('q', [], Object.assign(new Error(sqlMessage), { errno, sqlMessage }));
}

describe('toErrorReply', () => {
  const logger = new Logger('test');
  beforeAll(() => {
    jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });

  it('answers what the database refused as 409, 400 or 503, never 500', () => {
    expect(toErrorReply(refused(1062, "Duplicate entry 'a' for key 'k'"), logger)).toEqual({
      status: 409,
      body: { detail: 'It already exists' },
    });
    expect(
      toErrorReply(refused(1406, "Data too long for column 'record_name' at row 1"), logger),
    ).toEqual({ status: 400, body: { detail: 'Value too long for record_name' } });
    expect(toErrorReply(refused(1213, 'Deadlock found'), logger)).toEqual({
      status: 503,
      body: { detail: 'The database is busy; try again' },
    });
  });

  it('still hides anything else as 500, and passes AppErrors through', () => {
    expect(toErrorReply(refused(2013, 'Lost connection'), logger)).toEqual({
      status: 503,
      body: { detail: 'The database is unavailable; try again shortly' },
    });
    expect(toErrorReply(refused(1146, "Table 'x' doesn't exist"), logger)).toEqual({
      status: 500,
      body: { detail: 'Internal server error' },
    });
    expect(toErrorReply(AppError.conflict('Domain already exists'), logger)).toEqual({
      status: 409,
      body: { detail: 'Domain already exists' },
    });
  });
});

describe('toErrorReply logging', () => {
  const logger = new Logger('test');
  let warn: jest.SpyInstance;
  let error: jest.SpyInstance;
  const request = { method: 'POST', path: '/api/v1/domains/d1/records' };

  beforeEach(() => {
    warn = jest.spyOn(logger, 'warn').mockImplementation(() => undefined);
    error = jest.spyOn(logger, 'error').mockImplementation(() => undefined);
  });
  afterEach(() => jest.restoreAllMocks());

  /** Every argument of every call, so a stack passed anywhere is seen. */
  const logged = () => [...warn.mock.calls, ...error.mock.calls].flat().map(String);

  it('logs an upstream failure as one line with method, path, status and cause, no stack', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8081'), {
      code: 'ECONNREFUSED',
    });
    expect(
      toErrorReply(AppError.upstream('PowerDNS is unavailable', cause), logger, request),
    ).toEqual({ status: 502, body: { detail: 'PowerDNS is unavailable' } });
    expect(error).not.toHaveBeenCalled();
    expect(warn.mock.calls).toEqual([
      [
        'POST /api/v1/domains/d1/records 502 UPSTREAM_UNAVAILABLE: PowerDNS is unavailable (cause: connect ECONNREFUSED 127.0.0.1:8081)',
      ],
    ]);
  });

  it('does not repeat a cause the message already names, and logs PowerDNS client failures the same way', () => {
    const failure = new PdnsUnavailableError(
      {
        method: 'PATCH',
        path: '/api/v1/servers/localhost/zones/example.com.',
      },
      'socket hang up',
    );
    const reply = toErrorReply(failure, logger, request);
    expect(reply.status).toBe(502);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
    expect(logged().join('\n')).not.toMatch(/\n\s+at /);
    toErrorReply(
      AppError.upstream('ScaiKey JWKS is unreachable: timeout', new Error('timeout')),
      logger,
    );
    expect(warn).toHaveBeenLastCalledWith(
      '502 UPSTREAM_UNAVAILABLE: ScaiKey JWKS is unreachable: timeout',
    );
  });

  it('logs a database outage once (503), without a stack', () => {
    expect(toErrorReply(refused(2013, 'Lost connection to server'), logger, request).status).toBe(
      503,
    );
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0][0])).toMatch(
      /^POST \/api\/v1\/domains\/d1\/records 503 .*Lost connection to server/,
    );
    expect(error).not.toHaveBeenCalled();
    expect(
      toErrorReply(new AppError('NOT_READY', 'Zone writes need Redis'), logger, request).status,
    ).toBe(503);
    expect(warn).toHaveBeenCalledTimes(2);
    expect(error).not.toHaveBeenCalled();
  });

  it('logs a 5xx HttpException as one line, and only a 500 with its stack', () => {
    toErrorReply(new HttpException('Service Unavailable', 503), logger, request);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(error).not.toHaveBeenCalled();
    toErrorReply(new HttpException('boom', 500), logger, request);
    expect(error).toHaveBeenCalledTimes(1);
  });

  it('keeps the stack for a bug (500), and logs nothing for a client error', () => {
    const bug = new TypeError("Cannot read properties of undefined (reading 'id')");
    expect(toErrorReply(bug, logger, request)).toEqual({
      status: 500,
      body: { detail: 'Internal server error' },
    });
    expect(error).toHaveBeenCalledWith(
      "POST /api/v1/domains/d1/records 500 Cannot read properties of undefined (reading 'id')",
      bug.stack,
    );
    error.mockClear();
    toErrorReply(AppError.notFound('Domain'), logger, request);
    toErrorReply(AppError.conflict('Domain already exists'), logger, request);
    expect(warn).not.toHaveBeenCalled();
    expect(error).not.toHaveBeenCalled();
  });
});
