/**
 * Run-time values of an SDK enum (the published types only declare them). The compiler checks
 * every key and value against the installed types, so drift fails to build.
 */
export const mirror =
  <E>() =>
  <const M extends { readonly [K in keyof E]: `${E[K] & string}` }>(values: M & Record<Exclude<keyof M, keyof E>, never>): E =>
    values as unknown as E;
