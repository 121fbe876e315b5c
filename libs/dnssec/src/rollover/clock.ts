import { Injectable } from '@nestjs/common';

/**
 * Where the rollover job takes "now" from. Tests override the provider (or move `offsetMs`) to make
 * TTL waits pass without sleeping.
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
