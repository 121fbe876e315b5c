import { layeringTree, type LayeringTree } from './support/layering-tree';

/**
 * The layering check's own test: a throw-away tree shaped like ours, cruised with the project's
 * rules, must fail exactly where a lib other than the zone writer reaches PowerDNS's PATCH.
 */
describe('layering check (.dependency-cruiser.cjs)', () => {
  let tree: LayeringTree;
  const write = (path: string, text: string) => tree.write(path, text);
  const cruise = () => tree.cruise();

  beforeEach(() => {
    tree = layeringTree(
      'scaidns-layers-',
      {
        '@app/pdns-client': ['libs/pdns-client/src'],
        '@app/pdns-client/zone-patch': ['libs/pdns-client/src/zone-patch.ts'],
        '@app/zones': ['libs/zones/src'],
        '@app/records': ['libs/records/src'],
        '@app/templates': ['libs/templates/src'],
      },
      ['libs'],
    );
    write('libs/pdns-client/src/index.ts', 'export const client = 1;\n');
    write('libs/pdns-client/src/zone-patch.ts', 'export const patch = 1;\n');
    write(
      'libs/zones/src/write/zone-writer.ts',
      "import { patch } from '@app/pdns-client/zone-patch';\nexport const writer = patch;\n",
    );
    write('libs/zones/src/index.ts', "export { writer } from './write/zone-writer';\n");
  });

  afterEach(() => tree.remove());

  it('lets the zone writer use the PATCH', () => {
    expect(cruise()).toMatchObject({ status: 0 });
  });

  it('fails when another lib imports the PATCH', () => {
    write(
      'libs/domains/src/sneaky.ts',
      "import { patch } from '@app/pdns-client/zone-patch';\nexport const sneaky = patch;\n",
    );
    const result = cruise();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('one-zone-writer');
    expect(result.output).toContain('libs/domains/src/sneaky.ts');
  });

  it('lets templates use records and zones, but not records use templates (templates sit above)', () => {
    write('libs/records/src/index.ts', 'export const records = 1;\n');
    write(
      'libs/templates/src/index.ts',
      "import { records } from '@app/records';\nimport { writer } from '@app/zones';\nexport const t = [records, writer];\n",
    );
    expect(cruise()).toMatchObject({ status: 0 });
    write(
      'libs/records/src/upward.ts',
      "import { t } from '@app/templates';\nexport const upward = t;\n",
    );
    const result = cruise();
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('layering-records');
    expect(result.output).toContain('libs/records/src/upward.ts');
  });

  it('fails when another file of the zones lib imports the PATCH', () => {
    write(
      'libs/zones/src/write/shortcut.ts',
      "import { patch } from '@app/pdns-client/zone-patch';\nexport const shortcut = patch;\n",
    );
    expect(cruise().output).toContain('one-zone-writer');
  });
});
