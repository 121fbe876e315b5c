import { ENV_SCHEMA } from './env.schema';

/** Renders `.env.example` from ENV_SCHEMA (a unit test keeps the committed file equal to this). */
export function renderEnvExample(): string {
  const out: string[] = [
    '# ScaiDNS configuration. Copy to .env (git-ignored) or set these in the environment.',
    '# Generated from libs/core/src/config/env.schema.ts: `npm run env:example` rewrites this file.',
    '# Every variable is validated at start-up; a bad one stops the process with a line naming it.',
  ];
  let group = '';
  for (const spec of ENV_SCHEMA) {
    if (spec.group !== group) {
      group = spec.group;
      out.push('', `# ---- ${group} ----`);
    }
    const need = spec.required
      ? 'required'
      : spec.requiredOutsideDevelopment
        ? 'required unless ENVIRONMENT=development'
        : `optional, default ${spec.default === undefined ? '(empty)' : spec.default}`;
    out.push(`# ${spec.description} [${need}]`);
    const value = spec.example ?? '';
    out.push(
      spec.required || spec.requiredOutsideDevelopment
        ? `${spec.name}=${value}`
        : `# ${spec.name}=${spec.default ?? ''}`,
    );
  }
  return `${out.join('\n')}\n`;
}

/** The README's configuration table, from the same schema. */
export function renderConfigTable(): string {
  const rows = ENV_SCHEMA.map((spec) => {
    const need = spec.required
      ? 'yes'
      : spec.requiredOutsideDevelopment
        ? 'yes (not in development)'
        : 'no';
    const def = spec.default === undefined ? '' : `\`${spec.default}\``;
    return `| \`${spec.name}\` | ${need} | ${def} | ${spec.description.replace(/\|/g, '\\|')} |`;
  });
  return ['| Variable | Required | Default | Meaning |', '|---|---|---|---|', ...rows].join('\n');
}
