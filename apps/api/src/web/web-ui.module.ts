import { Logger, Module, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { findWebUiRoot, WEB_UI_ROOTS, webUi } from './web-ui';

/**
 * The web UI (apps/web), served at `/` by the API. It is mounted once the API's routes are (module
 * init runs after the router is registered and before Nest's not-found handler), so a route of the
 * API always wins and an unknown /api path still gets the API's JSON 404. Without a built UI the API
 * runs as before and says so once.
 */
@Module({})
export class WebUiModule implements OnModuleInit {
  private readonly logger = new Logger('WebUi');

  constructor(private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    const adapter = this.adapterHost.httpAdapter;
    // `--write-openapi` builds the document without an HTTP server.
    if (!adapter) return;
    const root = findWebUiRoot(WEB_UI_ROOTS);
    if (!root) {
      this.logger.log('The web UI is not built (npm run build): serving the API alone');
      return;
    }
    adapter.getInstance<Express>().use(webUi(root));
  }
}
