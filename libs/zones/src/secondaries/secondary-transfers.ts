import { Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { type AppConfig, errorMessage, InjectConfig } from '@app/core';
import { PdnsClient, PdnsNotFoundError } from '@app/pdns-client';

type Why = 'notify' | 'catalog';

/** A secondary's API is asked briefly: a missed request costs only the wait for NOTIFY. */
const SECONDARY_TIMEOUT_MS = 2000;

/**
 * Tells the secondaries about a change at once instead of leaving it to PowerDNS's periodic check
 * (`xfr-cycle-interval`): the primary NOTIFYs them now (every secondary, BIND and Knot included),
 * and each secondary whose PowerDNS API ScaiDNS knows (SECONDARY_PDNS_API_URLS) is asked to
 * transfer the zone (or, after a membership change, the catalog) right away, which it does in tens
 * of milliseconds where NOTIFY takes about a second. Best effort and never on a request's path: a
 * missed nudge costs only that wait, because PowerDNS notifies by itself. Nothing is sent when no
 * secondary is configured.
 */
@Injectable()
export class SecondaryTransfers implements OnModuleDestroy {
  private readonly logger = new Logger(SecondaryTransfers.name);
  private readonly secondaries: PdnsClient[];
  private readonly enabled: boolean;
  /** Zones (canonical names) whose nudge is on its way, and whether another must follow it. */
  private readonly inFlight = new Map<string, { again: boolean }>();
  private readonly catalogZone: string | null;

  constructor(
    @InjectConfig() config: AppConfig,
    private readonly pdns: PdnsClient,
  ) {
    this.secondaries = config.secondaries.pdnsApis.map(
      (api) =>
        new PdnsClient({
          apiUrl: api.url,
          apiKey: api.apiKey,
          serverId: 'localhost',
          timeoutMs: SECONDARY_TIMEOUT_MS,
          connections: 4,
        }),
    );
    this.enabled = config.secondaries.dns.length > 0 || this.secondaries.length > 0;
    this.catalogZone = config.secondaries.catalogZone;
  }

  /** The zone's content changed (its serial moved). */
  zoneChanged(zone: string): void {
    this.nudge(canonical(zone), 'notify');
  }

  /** A zone joined or left the catalog: the secondaries transfer the catalog (and so the zone). */
  membershipChanged(): void {
    if (this.catalogZone) this.nudge(this.catalogZone, 'catalog');
  }

  async onModuleDestroy(): Promise<void> {
    await Promise.all(this.secondaries.map((s) => s.close()));
  }

  /**
   * Sends at once; changes to the zone made while that is on its way are sent on together right
   * after it (a secondary that is already transferring the zone would not see them).
   */
  private nudge(zone: string, why: Why): void {
    if (!this.enabled) return;
    const state = this.inFlight.get(zone);
    if (state) {
      state.again = true;
      return;
    }
    this.inFlight.set(zone, { again: false });
    void this.send(zone, why).finally(() => {
      const again = this.inFlight.get(zone)?.again;
      this.inFlight.delete(zone);
      if (again) this.nudge(zone, why);
    });
  }

  private async send(zone: string, why: Why): Promise<void> {
    // The catalog's serial moves only in PowerDNS's own check: a NOTIFY now would carry the old one.
    const primary = why === 'notify' ? [this.pdns.notifyZone(zone)] : [];
    const results = await Promise.allSettled([
      ...primary,
      ...this.secondaries.map((s) => s.retrieveZone(zone)),
    ]);
    for (const result of results) {
      // A secondary that does not have the zone (yet: the catalog brings it) has nothing to do.
      if (result.status === 'rejected' && !(result.reason instanceof PdnsNotFoundError)) {
        this.logger.debug(
          `could not nudge the secondaries for ${zone}: ${errorMessage(result.reason)}`,
        );
      }
    }
  }
}

function canonical(zone: string): string {
  const name = zone.toLowerCase();
  return name.endsWith('.') ? name : `${name}.`;
}
