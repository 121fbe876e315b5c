export {
  createScaiDnsClient,
  type CredentialSource,
  type Credentials,
  type ScaiDnsClient,
  type ScaiDnsClientOptions,
} from './client';
export { type ApiProblem, describeProblem, problemSummary, ScaiDnsError, unwrap } from './problem';
export type { components, operations, paths } from './schema';
import type { components } from './schema';

/** The API's data shapes by name: `Schemas['DomainDto']`. */
export type Schemas = components['schemas'];
