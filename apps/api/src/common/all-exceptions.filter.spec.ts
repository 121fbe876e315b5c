import { Logger } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { AppError } from '@app/core';
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
