declare const __DEPTH_RESTYLE_EXPERIMENTAL__: boolean | undefined;

/**
 * True only in `npm run build:experimental` (webpack defines the constant), whose manifest sets
 * `experimentalApis`: that build reads a layer with the per-node rendition. The published build,
 * tests and benches see false and read layers from a page rendition.
 */
export const EXPERIMENTAL_APIS: boolean = typeof __DEPTH_RESTYLE_EXPERIMENTAL__ !== "undefined" && __DEPTH_RESTYLE_EXPERIMENTAL__ === true;
