/**
 * The failures the document sandbox raises. They are defined in core so the panel rebuilds
 * each one from its payload (src/shared/bridge-answer.ts) with its code and message intact.
 */
export { ImageLoadError, LayerDataFullError, SourceLayerError } from "../core/errors";
