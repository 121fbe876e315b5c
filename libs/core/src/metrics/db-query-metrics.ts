import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  AfterQueryEvent,
  BeforeQueryEvent,
  DataSource,
  EntitySubscriberInterface,
  QueryRunner,
} from 'typeorm';
import { RequestContext, type RequestTimings } from '../context/request-context';
import { Metrics } from './metrics';

interface Started {
  readonly at: number;
  readonly timings: RequestTimings | undefined;
}

/**
 * Counts and times every query this process sends through its DataSource: TypeORM broadcasts an
 * event before and after each one, whichever service or repository sent it. The time also joins the
 * sending request's Server-Timing `db` part: the request is known before the query (the driver's
 * callback that announces its end runs outside the request's async context), and a query runner's
 * queries end in the order they were sent (one connection answers in order).
 */
@Injectable()
export class DbQueryMetrics implements EntitySubscriberInterface {
  private readonly ok;
  private readonly failed;
  private readonly started = new WeakMap<QueryRunner, Started[]>();

  constructor(
    @InjectDataSource() dataSource: DataSource,
    private readonly metrics: Metrics,
  ) {
    this.ok = metrics.dbQueries.labels('ok');
    this.failed = metrics.dbQueries.labels('error');
    dataSource.subscribers.push(this);
  }

  beforeQuery(event: BeforeQueryEvent<unknown>): void {
    const queue = this.started.get(event.queryRunner) ?? [];
    if (queue.length === 0) this.started.set(event.queryRunner, queue);
    queue.push({ at: performance.now(), timings: RequestContext.current()?.timings });
  }

  afterQuery(event: AfterQueryEvent<unknown>): void {
    const started = this.started.get(event.queryRunner)?.shift();
    if (!started) {
      (event.success ? this.ok : this.failed).inc();
      return;
    }
    this.observe(performance.now() - started.at, event.success, started.timings);
  }

  /**
   * Counts and times a query sent around TypeORM's events (see HeldConnections), for the request
   * whose context is current (or `timings`).
   */
  observe(
    ms: number,
    ok: boolean,
    timings: RequestTimings | undefined = RequestContext.current()?.timings,
  ): void {
    (ok ? this.ok : this.failed).inc();
    timings?.add('db', ms);
    if (ok) this.metrics.dbQueryDuration.observe(ms / 1000);
  }
}
