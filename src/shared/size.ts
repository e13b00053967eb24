/** A width and height in pixels: what every runtime measures layers, renditions and images with. */
export interface Size {
  width: number;
  height: number;
}
