import { outcomeOf, settledOutcome, valueOf } from './outcome';

describe('outcomes (unit)', () => {
  it('keeps what a function returns or throws, and throws it back only when asked', () => {
    const failure = new Error('no');
    expect(outcomeOf(() => 1)).toEqual({ value: 1 });
    const thrown = outcomeOf(() => {
      throw failure;
    });
    expect(thrown).toEqual({ error: failure });
    expect(() => valueOf(thrown)).toThrow(failure);
    expect(valueOf(outcomeOf(() => 'yes'))).toBe('yes');
  });

  it('settles a promise, a rejection or a plain value without rejecting', async () => {
    const failure = new Error('no');
    await expect(settledOutcome(Promise.resolve(2))).resolves.toEqual({ value: 2 });
    await expect(settledOutcome(Promise.reject(failure))).resolves.toEqual({ error: failure });
    await expect(settledOutcome(undefined)).resolves.toEqual({ value: undefined });
  });
});
