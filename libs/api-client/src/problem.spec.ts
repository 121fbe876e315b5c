import { describeProblem, problemSummary, ScaiDnsError, unwrap } from './problem';

describe('describeProblem (the API errors a client shows next to their fields)', () => {
  it('reads {"detail": "message"} as a message about no field', () => {
    const problem = describeProblem(409, { detail: 'Domain already exists' });
    expect(problem).toMatchObject({ status: 409, general: ['Domain already exists'], fields: {} });
  });

  it('puts each 422 item under the body field its loc names', () => {
    const problem = describeProblem(422, {
      detail: [
        { loc: ['body', 'name'], msg: 'field required', type: 'value_error.missing' },
        {
          loc: ['body', 'records', 0, 'content'],
          msg: 'str type expected',
          type: 'type_error.str',
        },
        { loc: ['body'], msg: 'Invalid JSON', type: 'value_error.jsondecode' },
      ],
    });
    expect(problem.fields).toEqual({
      name: ['field required'],
      'records.0.content': ['str type expected'],
    });
    expect(problem.general).toEqual(['Invalid JSON']);
  });

  it('puts a structured refusal under its field, and a template refusal under each one', () => {
    expect(
      describeProblem(409, {
        detail: { message: 'This A record already exists', field: 'content', conflicts: [] },
      }).fields,
    ).toEqual({ content: ['This A record already exists'] });
    expect(
      describeProblem(400, {
        detail: {
          message: 'Missing required variables',
          missing: ['ip'],
          errors: [{ message: 'bad ttl', field: 'records' }],
        },
      }),
    ).toMatchObject({
      general: ['Missing required variables'],
      fields: { records: ['bad ttl'], variables: ['Missing: ip'] },
    });
  });

  it('says something useful when the body says nothing (a proxy, an outage)', () => {
    expect(describeProblem(502, '<html>Bad gateway</html>').general).toEqual([
      'ScaiDNS could not answer (HTTP 502).',
    ]);
    const limited = describeProblem(429, undefined, new Headers({ 'Retry-After': '7' }));
    expect(limited.retryAfter).toBe(7);
    expect(limited.general[0]).toMatch(/too many requests/i);
  });
});

describe('unwrap', () => {
  const response = (status: number) => new Response(null, { status });

  it('answers the data of a success', async () => {
    await expect(
      unwrap(Promise.resolve({ data: { id: 1 }, response: response(200) })),
    ).resolves.toEqual({
      id: 1,
    });
  });

  it('throws a ScaiDnsError carrying the problem of a refusal', async () => {
    const failed = unwrap(
      Promise.resolve({ error: { detail: 'Not Found' }, response: response(404) }),
    );
    await expect(failed).rejects.toBeInstanceOf(ScaiDnsError);
    await expect(failed).rejects.toMatchObject({
      message: 'Not Found',
      problem: { status: 404, general: ['Not Found'] },
    });
    expect(
      problemSummary(
        describeProblem(422, { detail: [{ loc: ['body', 'ttl'], msg: 'too small' }] }),
      ),
    ).toBe('ttl: too small');
  });
});
