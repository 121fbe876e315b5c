import { Injectable } from '@nestjs/common';
import { JobName, type JobResults } from '@app/core';
import { JobHandler } from './job-handler.decorator';

@Injectable()
export class PingHandler {
  @JobHandler(JobName.Ping)
  async ping(): Promise<JobResults[JobName.Ping]> {
    return { pong: true, pid: process.pid };
  }
}
