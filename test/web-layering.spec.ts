import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..');
const CONFIG = join(ROOT, '.dependency-cruiser.cjs');
const DEPCRUISE = join(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs');

/**
 * The layering check's rules for the typed client and the web UI, on a throw-away tree shaped like
 * ours: the client is a leaf only the web UI and tests import, and the web UI reaches ScaiDNS through
 * it alone.
 */
describe('layering check: the typed client and the web UI', () => {
  let dir: string;

  const write = (path: string, text: string) => {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  };
  const cruise = (): { status: number; output: string } => {
    try {
      const output = execFileSync(
        process.execPath,
        [DEPCRUISE, '--config', CONFIG, '--output-type', 'err', 'apps', 'libs'],
        { cwd: dir, encoding: 'utf8', stdio: 'pipe' },
      );
      return { status: 0, output };
    } catch (error) {
      const e = error as { status: number; stdout: string; stderr: string };
      return { status: e.status, output: `${e.stdout}${e.stderr}` };
    }
  };

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'scaidns-web-layers-'));
    write(
      'tsconfig.json',
      JSON.stringify({
        compilerOptions: {
          baseUrl: './',
          paths: { '@app/core': ['libs/core/src'], '@app/api-client': ['libs/api-client/src'] },
        },
      }),
    );
    write('libs/core/src/index.ts', 'export const core = 1;\n');
    write('libs/api-client/src/schema.ts', 'export interface paths { x: 1 }\n');
    write(
      'libs/api-client/src/index.ts',
      "export type { paths } from './schema';\nexport const client = 1;\n",
    );
    write(
      'apps/web/src/app.ts',
      "import { client } from '@app/api-client';\nexport const app = client;\n",
    );
  });

  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('lets the web UI use the typed client', () => {
    expect(cruise()).toMatchObject({ status: 0 });
  });

  it('fails when the API or a Nest lib imports the typed client', () => {
    write(
      'apps/api/src/uses-client.ts',
      "import { client } from '@app/api-client';\nexport const x = client;\n",
    );
    write(
      'libs/core/src/uses-client.ts',
      "import { client } from '@app/api-client';\nexport const y = client;\n",
    );
    const result = cruise();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('api-client-leaf');
    expect(result.output).toContain('apps/api/src/uses-client.ts');
    expect(result.output).toContain('libs/core/src/uses-client.ts');
  });

  it('fails when the web UI imports a Nest lib, or the client imports anything of ours', () => {
    write(
      'apps/web/src/shortcut.ts',
      "import { core } from '@app/core';\nexport const s = core;\n",
    );
    write(
      'libs/api-client/src/leak.ts',
      "import { core } from '@app/core';\nexport const l = core;\n",
    );
    const result = cruise();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('web-through-the-api');
    expect(result.output).toContain('api-client-self-contained');
  });
});
