/**
 * Every background job ScaiDNS runs, with its payload type, in one place. The worker refuses to start
 * when a job has no handler or two.
 */
export const SCAIDNS_QUEUE = 'scaidns';

export enum JobName {
  /** Answers with the worker's pid: `scaidns doctor` uses it to see that a worker is consuming. */
  Ping = 'ping',
  /** Processes a stored ScaiKey webhook whose first attempt failed; BullMQ retries with backoff. */
  ScaiKeyWebhook = 'scaikey-webhook',
  /** `scaidns sync` on a schedule (SCAIKEY_SYNC_INTERVAL_SECONDS). */
  ScaiKeySync = 'scaikey-sync',
  /** Every VALIDATION_CHECK_INTERVAL_SECONDS: expires old challenges, queues the due re-checks. */
  ValidationSweep = 'validation-sweep',
  /** One pending domain's ownership check; job id `validate-<domainId>` keeps it to one at a time (BullMQ refuses `:` in custom ids). */
  ValidationCheck = 'validation-check',
  /** Settles zone commits a crash or an outage left open (their audit entries). */
  ZoneCommitSweep = 'zone-commit-sweep',
  /** Every DNSSEC_ROLL_CHECK_INTERVAL_SECONDS: queues one roll job per signed zone with a step due. */
  DnssecRollSweep = 'dnssec-roll-sweep',
  /** Takes a signed zone's due key-rollover steps; job id `dnssec-roll-<domainId>`. */
  DnssecRoll = 'dnssec-roll',
  /** Hourly: hard-deletes soft-deleted domains older than DOMAIN_PURGE_AFTER_DAYS. */
  DomainPurge = 'domain-purge',
  /** Hourly (and first when the worker starts): every known zone replicates as its domain asks (catalog membership). */
  CatalogSync = 'catalog-sync',
  /** Every SECONDARY_CHECK_INTERVAL_SECONDS: how far each secondary lags (readiness, metrics). */
  SecondaryCheck = 'secondary-check',
  /** Every DRIFT_SCAN_INTERVAL_SECONDS: edits made in PowerDNS behind ScaiDNS's back. */
  DriftScan = 'drift-scan',
}

export interface JobPayloads {
  [JobName.Ping]: { requestedAt: string };
  [JobName.ScaiKeyWebhook]: { eventId: string };
  [JobName.ScaiKeySync]: Record<string, never>;
  [JobName.ValidationSweep]: Record<string, never>;
  [JobName.ValidationCheck]: { domainId: string };
  [JobName.ZoneCommitSweep]: Record<string, never>;
  [JobName.DnssecRollSweep]: Record<string, never>;
  [JobName.DnssecRoll]: { domainId: string };
  [JobName.DomainPurge]: Record<string, never>;
  [JobName.CatalogSync]: Record<string, never>;
  [JobName.SecondaryCheck]: Record<string, never>;
  [JobName.DriftScan]: Record<string, never>;
}

export interface JobResults {
  [JobName.Ping]: { pong: true; pid: number };
  [JobName.ScaiKeyWebhook]: { status: string; message: string };
  /** `changes`: rows created, updated or deactivated; `summary`: the counts per kind, one line. */
  [JobName.ScaiKeySync]: { changes: number; summary: string };
  [JobName.ValidationSweep]: { expired: number; queued: number };
  [JobName.ValidationCheck]: { validated: boolean; message: string };
  [JobName.ZoneCommitSweep]: { settled: number };
  [JobName.DnssecRollSweep]: { queued: number };
  /** The steps taken, in order (`publish zsk`, `activate zsk`, `remove 12345`...). */
  [JobName.DnssecRoll]: { steps: string[] };
  [JobName.DomainPurge]: { purged: number };
  [JobName.CatalogSync]: { checked: number; fixed: number };
  /** Per secondary: its address, status and the most serials a zone is behind. */
  [JobName.SecondaryCheck]: { secondaries: { address: string; status: string; behind: number }[] };
  /** What the scan read and found (DriftScanReport's counts). */
  [JobName.DriftScan]: { compared: number; skipped: number; recorded: number; open: number };
}

export type JobHandlerFn<N extends JobName> = (payload: JobPayloads[N]) => Promise<JobResults[N]>;
