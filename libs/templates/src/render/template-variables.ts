/** The zone's name as a template sees it: lowercase, without the trailing dot. */
function zoneApex(zone: string): string {
  return zone.trim().toLowerCase().replace(/\.$/, '');
}

/** A variable every template may use without declaring it; its value comes from the zone. */
export interface BuiltInVariable {
  readonly name: string;
  readonly description: string;
  /** What it is for the zone `example.com`. */
  readonly example: string;
  value(zone: string): string;
}

export const BUILT_IN_VARIABLES: readonly BuiltInVariable[] = [
  {
    name: 'domain',
    description:
      "The zone's name without the trailing dot (write `${domain}.` for an absolute name).",
    example: 'example.com',
    value: (zone) => zoneApex(zone),
  },
  {
    name: 'domain_hyphenated',
    description:
      "The zone's name with its dots replaced by hyphens, as in Microsoft 365 MX hosts (example-com.mail.protection.outlook.com).",
    example: 'example-com',
    value: (zone) => zoneApex(zone).replace(/\./g, '-'),
  },
];

const BUILT_IN_NAMES = new Set(BUILT_IN_VARIABLES.map((v) => v.name));

/** A declared variable's name: a letter or underscore, then letters, digits and underscores. */
export const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

/** `${name}`; anything between the braces is captured, so a malformed placeholder can be named. */
const PLACEHOLDER = /\$\{([^}]*)\}/g;

export function isBuiltIn(name: string): boolean {
  return BUILT_IN_NAMES.has(name);
}

/** The names of the placeholders in `text`, in order of first appearance. */
export function placeholdersOf(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** The built-in variables' values for a zone. */
export function builtInValues(zone: string): Map<string, string> {
  return new Map(BUILT_IN_VARIABLES.map((v) => [v.name, v.value(zone)]));
}

/**
 * `text` with every `${name}` replaced by its value, in one pass: a value that itself holds `${…}`
 * stays as it is (no value is ever read as a template). Placeholders without a value are left.
 */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(PLACEHOLDER, (whole: string, name: string) => values.get(name) ?? whole);
}

/** The built-in variables the records use, in catalogue order. */
export function builtInsUsedBy(records: readonly { name: string; content: string }[]): string[] {
  const used = new Set(
    records.flatMap((r) => [...placeholdersOf(r.name), ...placeholdersOf(r.content)]),
  );
  return BUILT_IN_VARIABLES.map((v) => v.name).filter((name) => used.has(name));
}
