import cluster from 'node:cluster';
import { randomUUID } from 'node:crypto';
import { AggregatorRegistry, type PrometheusContentType, type Registry } from 'prom-client';

/**
 * With API_WORKERS > 1 every API process keeps its own metrics and any one of them may get the
 * scrape. The process that got it asks the supervisor (the cluster's primary), which collects the
 * metrics of every worker over IPC (prom-client's AggregatorRegistry) and answers with their sum, so
 * one scrape shows the whole API.
 */
const REQUEST = 'scaidns:metrics:request';
const RESPONSE = 'scaidns:metrics:response';
const TIMEOUT_MS = 5_000;
let workerAggregator: AggregatorRegistry<PrometheusContentType> | undefined;

interface MetricsRequest {
  readonly type: typeof REQUEST;
  readonly id: string;
}
interface MetricsResponse {
  readonly type: typeof RESPONSE;
  readonly id: string;
  readonly text?: string;
  readonly error?: string;
}

/** In the supervisor, before forking: answers every worker's request for the cluster's metrics. */
export function serveClusterMetrics(): void {
  const aggregator = new AggregatorRegistry();
  cluster.on('message', (worker, message: unknown) => {
    if (!isMessage<MetricsRequest>(message, REQUEST)) return;
    const reply = (fields: Omit<MetricsResponse, 'type' | 'id'>): void => {
      if (worker.isConnected()) worker.send({ type: RESPONSE, id: message.id, ...fields });
    };
    aggregator.clusterMetrics().then(
      (text) => reply({ text }),
      (error: unknown) => reply({ error: error instanceof Error ? error.message : String(error) }),
    );
  });
}

/** In an API worker: this process's registry is the one the supervisor collects. */
export function joinClusterMetrics(registry: Registry): void {
  AggregatorRegistry.setRegistries([registry]);
  // Constructing one is what makes prom-client answer the supervisor's requests in this process.
  workerAggregator ??= new AggregatorRegistry();
}

/** Whether this process is one of several API workers (so a scrape must ask the supervisor). */
export function inMetricsCluster(): boolean {
  return cluster.isWorker && typeof process.send === 'function';
}

/** The metrics of every API worker, summed; rejects when the supervisor doesn't answer in time. */
export function clusterMetricsText(): Promise<string> {
  return new Promise((resolve, reject) => {
    const id = randomUUID();
    const onMessage = (message: unknown): void => {
      if (!isMessage<MetricsResponse>(message, RESPONSE) || message.id !== id) return;
      done();
      if (message.text !== undefined) resolve(message.text);
      else reject(new Error(message.error ?? 'no metrics from the supervisor'));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`the supervisor gave no metrics within ${TIMEOUT_MS} ms`));
    }, TIMEOUT_MS);
    const done = (): void => {
      clearTimeout(timer);
      process.off('message', onMessage);
    };
    process.on('message', onMessage);
    process.send?.({ type: REQUEST, id } satisfies MetricsRequest);
  });
}

function isMessage<T extends { type: string; id: string }>(
  message: unknown,
  type: T['type'],
): message is T {
  return (
    typeof message === 'object' &&
    message !== null &&
    (message as { type?: unknown }).type === type &&
    typeof (message as { id?: unknown }).id === 'string'
  );
}
