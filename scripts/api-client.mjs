#!/usr/bin/env node
// The typed client's schema, generated from the committed OpenAPI document:
//   node scripts/api-client.mjs           writes libs/api-client/src/schema.ts from openapi.json
//   node scripts/api-client.mjs --check   fails when the committed schema.ts differs from what
//                                         openapi.json generates (part of `npm test`)
// `npm run openapi` runs the first after regenerating openapi.json. The output is formatted with the
// project's Prettier settings, so the committed file passes `npm run format:check` as it is.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const DOCUMENT = join(ROOT, 'openapi.json');
const TARGET = join(ROOT, 'libs/api-client/src/schema.ts');
const HEADER = `/**
 * Generated from openapi.json by scripts/api-client.mjs (\`npm run openapi\`): do not edit.
 * \`npm test\` fails when this file and openapi.json disagree.
 */
`;

async function generate() {
  const document = JSON.parse(readFileSync(DOCUMENT, 'utf8'));
  const ast = await openapiTS(document, { silent: true });
  const source = `${HEADER}\n${astToString(ast)}`;
  const options = (await prettier.resolveConfig(TARGET)) ?? {};
  return prettier.format(source, { ...options, filepath: TARGET });
}

const generated = await generate();
if (process.argv.includes('--check')) {
  let committed = '';
  try {
    committed = readFileSync(TARGET, 'utf8');
  } catch {
    // missing: reported below as stale
  }
  if (committed !== generated) {
    process.stderr.write(
      'libs/api-client/src/schema.ts is stale: it differs from what openapi.json generates. Run `npm run openapi`.\n',
    );
    process.exit(1);
  }
  process.stdout.write('libs/api-client/src/schema.ts is up to date with openapi.json\n');
} else {
  writeFileSync(TARGET, generated);
  process.stdout.write('wrote libs/api-client/src/schema.ts\n');
}
