import type Redis from 'ioredis';
import type { DataSource } from 'typeorm';

export type CheckStatus = 'ok' | 'error' | 'skipped';

/** The outcome of checking one dependency: readiness, `scaidns doctor` and the worker share it. */
export interface CheckResult {
  readonly status: CheckStatus;
  readonly message?: string;
}

export const CHECK_OK: CheckResult = { status: 'ok' };

/** Rejects with a readable message when `promise` takes longer than `ms`. */
export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A short, log-safe description of an error, including its cause (fetch hides the real reason there). */
export function errorMessage(error: unknown): string {
  // Duck-typed rather than `instanceof Error`: errors from another realm (fetch under Jest) fail that.
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string') {
    return String(error);
  }
  const { message: text, code, cause } = error as Error & { code?: unknown };
  let message = typeof code === 'string' && !text.includes(code) ? `${text} (${code})` : text;
  if (cause !== undefined && cause !== null) {
    const inner = errorMessage(cause);
    if (!message.includes(inner)) message += `: ${inner}`;
  }
  return message;
}

export async function checkDatabase(
  dataSource: DataSource,
  timeoutMs = 2000,
): Promise<CheckResult> {
  if (!dataSource.isInitialized) return { status: 'error', message: 'not connected' };
  try {
    await withTimeout(dataSource.query('SELECT 1'), timeoutMs, 'MariaDB');
    return CHECK_OK;
  } catch (error) {
    return { status: 'error', message: errorMessage(error) };
  }
}

export async function checkRedis(redis: Redis, timeoutMs = 2000): Promise<CheckResult> {
  try {
    const reply = await withTimeout(redis.ping(), timeoutMs, 'Redis');
    return reply === 'PONG'
      ? CHECK_OK
      : { status: 'error', message: `unexpected reply ${String(reply)}` };
  } catch (error) {
    return { status: 'error', message: errorMessage(error) };
  }
}
