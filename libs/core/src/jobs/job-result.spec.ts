import type { Queue } from 'bullmq';
import { waitForJobResult } from './job-result';

function fakeQueue(states: string[], job: Record<string, unknown> = {}) {
  let polls = 0;
  const getJob = jest.fn(async () => {
    const state = states[Math.min(polls, states.length - 1)];
    return { ...job, getState: async () => (polls++, state) };
  });
  return { queue: { getJob } as unknown as Queue, getJob };
}

describe('waitForJobResult', () => {
  it('polls until the job completes and returns its result', async () => {
    const { queue } = fakeQueue(['waiting', 'active', 'completed'], {
      returnvalue: { pong: true },
    });
    await expect(waitForJobResult(queue, '1', 1000, 1)).resolves.toEqual({ pong: true });
  });

  it('reports a failed job with its reason', async () => {
    const { queue } = fakeQueue(['active', 'failed'], { failedReason: 'boom' });
    await expect(waitForJobResult(queue, '1', 1000, 1)).rejects.toThrow('job 1 failed: boom');
  });

  it('gives up after the timeout, naming the state it saw', async () => {
    const { queue } = fakeQueue(['waiting']);
    await expect(waitForJobResult(queue, '7', 20, 5)).rejects.toThrow(
      'job 7 did not finish within 20 ms (still waiting)',
    );
  });

  it('a job that is gone is an error, not a wait', async () => {
    const queue = { getJob: async () => undefined } as unknown as Queue;
    await expect(waitForJobResult(queue, '9', 1000)).rejects.toThrow('job 9 is gone');
  });
});
