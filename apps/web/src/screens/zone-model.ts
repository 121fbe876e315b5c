import type { Schemas } from '@app/api-client';

/** A zone as the API shows it (`GET /domains/{id}`). */
export type Zone = Schemas['DomainDto'];
