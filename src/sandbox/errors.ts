import { ValidationError } from "../core/errors";

/** The layer a request names cannot take the new layers (deleted, on another page, or not in a container). */
export class SourceLayerError extends ValidationError {}

/** Express could not load the image bytes the panel sent (not PNG/JPEG, damaged, or over the import limits). */
export class ImageLoadError extends ValidationError {}
