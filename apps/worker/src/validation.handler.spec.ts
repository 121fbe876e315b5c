import type { AppConfig } from '@app/core';
import { JobName } from '@app/core';
import type { ValidationService } from '@app/domains';
import type { Queue } from 'bullmq';
import { Schedules } from './schedules';
import { VALIDATION_CHECK_PRIORITY, ValidationHandler } from './validation.handler';

describe('ValidationHandler.sweep', () => {
  it('queues one prioritized, deduplicated check per due domain in one round trip', async () => {
    const addBulk = jest.fn().mockResolvedValue([]);
    const add = jest.fn();
    const validation = {
      overdue: jest.fn().mockResolvedValue([{ domainId: 'old' }]),
      expire: jest.fn().mockResolvedValue(undefined),
      due: jest.fn().mockResolvedValue([{ domainId: 'd1' }, { domainId: 'd2' }]),
    };
    const handler = new ValidationHandler(
      { validation: { checkIntervalSeconds: 60 } } as unknown as AppConfig,
      new Schedules({ addBulk, add } as unknown as Queue),
      validation as unknown as ValidationService,
    );

    await expect(handler.sweep()).resolves.toEqual({ expired: 1, queued: 2 });

    expect(add).not.toHaveBeenCalled();
    expect(addBulk).toHaveBeenCalledTimes(1);
    const jobs = addBulk.mock.calls[0][0] as { name: string; data: unknown; opts: object }[];
    expect(jobs.map((j) => j.data)).toEqual([{ domainId: 'd1' }, { domainId: 'd2' }]);
    for (const job of jobs) {
      expect(job.name).toBe(JobName.ValidationCheck);
      // Without a priority the backlog would run ahead of webhooks and pings (BullMQ serves
      // un-prioritized jobs first), which is how a full queue once starved a ping for 30 s.
      expect(job.opts).toMatchObject({ priority: VALIDATION_CHECK_PRIORITY });
      expect(VALIDATION_CHECK_PRIORITY).toBeGreaterThan(0);
    }
    expect(jobs.map((j) => (j.opts as { jobId: string }).jobId)).toEqual([
      'validate-d1',
      'validate-d2',
    ]);
  });
});
