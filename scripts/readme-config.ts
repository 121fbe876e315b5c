import { readFileSync, writeFileSync } from 'node:fs';
import { renderConfigTable } from '@app/core';

// Rewrites the configuration table between the markers in README.md from the config schema.
const START = '<!-- config-table:start -->';
const END = '<!-- config-table:end -->';
const readme = readFileSync('README.md', 'utf8');
const from = readme.indexOf(START);
const to = readme.indexOf(END);
if (from < 0 || to < 0) throw new Error('README.md has no config-table markers');
writeFileSync(
  'README.md',
  `${readme.slice(0, from + START.length)}\n${renderConfigTable()}\n${readme.slice(to)}`,
);
console.log('updated the configuration table in README.md');
