import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { AuditLog, Group, GroupMembership, SCAIDNS_QUEUE, User, WebhookEvent } from '@app/core';
import { Queue } from 'bullmq';
import request from 'supertest';
import { type IdentityHarness, startIdentityHarness } from './support/identity';

const ROOT = join(__dirname, '..');

async function waitFor(predicate: () => boolean | Promise<boolean>, ms: number, what: string) {
  const deadline = Date.now() + ms;
  while (!(await predicate())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

interface WorkerRun {
  child: ChildProcess;
  output: () => string;
  stop: () => Promise<void>;
}

/** The built worker (npm run build) as its own process, on the tests' Redis and MariaDB. */
async function startWorker(env: NodeJS.ProcessEnv): Promise<WorkerRun> {
  const child = spawn(process.execPath, [join(ROOT, 'dist/apps/worker/main.js')], {
    cwd: ROOT,
    env: { ...env, ENV_FILE: '/dev/null', LOG_LEVEL: 'INFO' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((resolve) => child.once('exit', resolve));
  await waitFor(() => out.includes('worker ready'), 30_000, `the worker to start:\n${out}`);
  return {
    child,
    output: () => out,
    stop: async () => {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/**
 * The worker's part in identity sync: a webhook whose processing fails is retried with backoff until
 * it succeeds, and `scaidns sync` runs on SCAIKEY_SYNC_INTERVAL_SECONDS.
 */
describe('identity sync in the worker (e2e)', () => {
  let h: IdentityHarness;
  let worker: WorkerRun;

  beforeAll(async () => {
    h = await startIdentityHarness();
    worker = await startWorker({ ...process.env, ...h.standIn.env() });
  });

  afterAll(async () => {
    await worker.stop();
    await h.close();
  });

  it('retries with backoff until ScaiKey answers again, then applies the event once', async () => {
    const { tenant, users } = h.standIn.directory.seedTenant({ users: 1 });
    const [user] = users;
    const group = h.standIn.directory.addGroup({ tenant_id: tenant.id, name: 'Ops' });
    // ScaiKey fails the user lookup the event needs: for the API's attempt and the worker's first.
    h.standIn.injectFault({ path: `/api/v1/admin/users/${user.id}`, status: 503, times: 2 });

    const hook = h.standIn.buildWebhook(h.standIn.env().SCAIKEY_WEBHOOK_SECRET, {
      event_type: 'group.member_added',
      data: { group_id: group.id, member_id: user.id, member_type: 'user' },
      tenant_id: tenant.id,
    });
    const started = Date.now();
    const res = await request(h.http)
      .post('/api/v1/webhooks/scaikey')
      .set(hook.headers)
      .send(hook.body)
      .expect(200);
    expect(res.body).toMatchObject({ success: false, event_id: hook.envelope.event_id });

    const events = h.dataSource.getRepository(WebhookEvent);
    await waitFor(
      async () =>
        (await events.findOneBy({ eventId: hook.envelope.event_id }))?.status === 'processed',
      40_000,
      `the worker to process the event:\n${worker.output()}`,
    );
    const elapsed = Date.now() - started;
    const row = await events.findOneByOrFail({ eventId: hook.envelope.event_id });
    // The API's attempt, the worker's failing first (after 5 s) and its succeeding second (5 s later).
    expect(row).toMatchObject({ status: 'processed', attempts: 3, lastError: null });
    expect(elapsed).toBeGreaterThanOrEqual(9_000);
    expect(h.standIn.requestCount(`/api/v1/admin/users/${user.id}`)).toBe(3);

    const localUser = await h.dataSource
      .getRepository(User)
      .findOneByOrFail({ scaikeyId: user.id });
    const localGroup = await h.dataSource
      .getRepository(Group)
      .findOneByOrFail({ scaikeyId: group.id });
    expect(
      await h.dataSource
        .getRepository(GroupMembership)
        .countBy({ groupId: localGroup.id, memberType: 'user', memberId: localUser.id }),
    ).toBe(1);
    expect(worker.output()).toMatch(/scaikey-webhook .* failed: ScaiKey is unreachable/);
  });

  it('runs the sync on SCAIKEY_SYNC_INTERVAL_SECONDS, and stops when it is set back to 0', async () => {
    await worker.stop();
    const { users } = h.standIn.directory.seedTenant({ users: 1 });
    const [newcomer] = users;
    h.standIn.directory.assign(h.standIn.application.id, newcomer.id);
    const mirrored = () =>
      h.dataSource.getRepository(User).existsBy({ scaikeyId: newcomer.id, status: 'active' });
    expect(await mirrored()).toBe(false);

    worker = await startWorker({
      ...process.env,
      ...h.standIn.env(),
      SCAIKEY_SYNC_INTERVAL_SECONDS: '1',
    });
    await waitFor(mirrored, 20_000, `the scheduled sync:\n${worker.output()}`);
    await waitFor(
      () => /ScaiKey sync: partners \+\d+/.test(worker.output()),
      5_000,
      'the sync summary in the log',
    );
    const audit = await h.dataSource.getRepository(AuditLog).findOneByOrFail({
      action: 'identity.user.create',
      resourceName: newcomer.email,
    });
    expect(audit).toMatchObject({ actorType: 'system', actorId: 'scaidns-sync' });

    // Back to 0: the worker removes the schedule when it starts.
    const queue = new Queue(SCAIDNS_QUEUE, {
      connection: { url: process.env.REDIS_URL },
      prefix: 'scaidns',
    });
    try {
      expect(await queue.getJobScheduler('scaikey-sync')).toMatchObject({ every: 1000 });
      await worker.stop();
      worker = await startWorker({ ...process.env, ...h.standIn.env() });
      expect(await queue.getJobScheduler('scaikey-sync')).toBeUndefined();
    } finally {
      await queue.close();
    }
  });
});
