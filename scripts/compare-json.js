// Usage: node scripts/compare-json.js committed.json generated.json — fails when they differ.
const { readFileSync } = require('node:fs');
const [committed, generated] = process.argv.slice(2);
const a = readFileSync(committed, 'utf8');
const b = readFileSync(generated, 'utf8');
if (a !== b) {
  console.error(`${committed} is stale: run \`npm run openapi\` and commit the result.`);
  process.exit(1);
}
console.log(`${committed} is up to date.`);
