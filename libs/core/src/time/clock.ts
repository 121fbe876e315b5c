import { Injectable } from '@nestjs/common';

/**
 * Where the worker's timed jobs (DNSSEC rolls, the purge of deleted zones) take "now" from. One per
 * process (CoreModule provides it); tests move `offsetMs` forward to make days pass without sleeping.
 */
@Injectable()
export class Clock {
  /** Added to the system time; tests move it forward. */
  offsetMs = 0;

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
