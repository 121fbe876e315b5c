import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { version } from '../../../../package.json';

/** What is running: the package version and the commit it was built from (`npm run build` records it). */
export interface BuildInfo {
  readonly version: string;
  readonly commit: string;
}

/**
 * The built apps live in `dist/apps/<app>/`, and `npm run build` writes `dist/build-info.json` beside
 * them; anything else (ts-node, tests, a build made without git) reports the commit as `unknown`.
 */
function readCommit(): string {
  try {
    const file = join(__dirname, '..', '..', 'build-info.json');
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { commit?: unknown };
    return typeof parsed.commit === 'string' && parsed.commit ? parsed.commit : 'unknown';
  } catch {
    return 'unknown';
  }
}

export const BUILD_INFO: BuildInfo = { version, commit: readCommit() };
