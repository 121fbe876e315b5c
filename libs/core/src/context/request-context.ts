import { AsyncLocalStorage } from 'node:async_hooks';

/** What every log line and audit entry of one request may need, without passing it down by hand. */
export interface RequestContextData {
  readonly requestId: string;
}

const storage = new AsyncLocalStorage<RequestContextData>();

export const RequestContext = {
  run<T>(data: RequestContextData, fn: () => T): T {
    return storage.run(data, fn);
  },
  current(): RequestContextData | undefined {
    return storage.getStore();
  },
  requestId(): string | undefined {
    return storage.getStore()?.requestId;
  },
};
