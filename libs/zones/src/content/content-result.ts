/** Record content in the form PowerDNS prints back, or a message a person can act on. */
export type ContentResult = { readonly content: string } | { readonly error: string };
