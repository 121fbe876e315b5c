import { layeringTree, type LayeringTree } from './support/layering-tree';

/**
 * The layering check's rules for the typed client and the web UI, on a throw-away tree shaped like
 * ours: the client is a leaf only the web UI and tests import, and the web UI reaches ScaiDNS through
 * it alone.
 */
describe('layering check: the typed client and the web UI', () => {
  let tree: LayeringTree;
  const write = (path: string, text: string) => tree.write(path, text);
  const cruise = () => tree.cruise();

  beforeEach(() => {
    tree = layeringTree(
      'scaidns-web-layers-',
      { '@app/core': ['libs/core/src'], '@app/api-client': ['libs/api-client/src'] },
      ['apps', 'libs'],
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

  afterEach(() => tree.remove());

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
