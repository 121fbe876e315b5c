export * from './scaikey-stand-in';
export * from './directory';
export * from './signing-keys';
export * from './webhooks';
export { decodeJwt, encodeJwt, type DecodedJwt, type JwtClaims, type JwtHeader } from './jwt';
export { s256 } from './oauth-grants';
export type { RegistrationRecord, RegistrationState } from './registration-desk';
export type { Invitation } from './stand-in-context';
export {
  primaryRole,
  type SignTokenOptions,
  type TokenAlgorithm,
  type UserTokenOptions,
} from './token-minter';
