/** Plain 2-D geometry shared by capture, the overlay and the editor; each says which pixels it means. */

export interface Point {
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface Rect extends Point, Size {}
