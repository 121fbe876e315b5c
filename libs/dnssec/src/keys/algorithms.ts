/** A signing algorithm ScaiDNS offers, with what PowerDNS needs to generate its keys. */
export interface DnssecAlgorithm {
  readonly number: number;
  /** PowerDNS's name for it. */
  readonly mnemonic: string;
  /** RSA keys need a size; the others have theirs fixed. */
  readonly bits?: number;
}

/** The documented algorithms: 8, 10, 13 (the default), 14, 15. */
export const DNSSEC_ALGORITHMS: ReadonlyMap<number, DnssecAlgorithm> = new Map(
  [
    { number: 8, mnemonic: 'RSASHA256', bits: 2048 },
    { number: 10, mnemonic: 'RSASHA512', bits: 2048 },
    { number: 13, mnemonic: 'ECDSAP256SHA256' },
    { number: 14, mnemonic: 'ECDSAP384SHA384' },
    { number: 15, mnemonic: 'ED25519' },
  ].map((a) => [a.number, a] as const),
);

/** The algorithm `value` names, or undefined when ScaiDNS does not offer it. */
export function dnssecAlgorithm(value: unknown): DnssecAlgorithm | undefined {
  return typeof value === 'number' && Number.isInteger(value)
    ? DNSSEC_ALGORITHMS.get(value)
    : undefined;
}
