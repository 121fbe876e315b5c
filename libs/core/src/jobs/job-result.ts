import type { Queue } from 'bullmq';

/**
 * Waits for a job's result by asking its state, every `intervalMs`. Not QueueEvents: a QueueEvents
 * reader starts at the stream's end only once its first blocking read is issued, so a job that ends
 * before then (a ping, within milliseconds) is never reported and the wait runs into its timeout.
 * The job must outlive its completion for the poll to see it (removeOnComplete by age, not `true`).
 */
export async function waitForJobResult(
  queue: Queue,
  jobId: string,
  timeoutMs: number,
  intervalMs = 50,
): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const job = await queue.getJob(jobId);
    if (!job) throw new Error(`job ${jobId} is gone`);
    const state = await job.getState();
    if (state === 'completed') return (await queue.getJob(jobId))?.returnvalue;
    if (state === 'failed') throw new Error(`job ${jobId} failed: ${job.failedReason}`);
    if (Date.now() >= deadline) {
      throw new Error(`job ${jobId} did not finish within ${timeoutMs} ms (still ${state})`);
    }
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}
