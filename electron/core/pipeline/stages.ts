/**
 * The geometric stages between decode and encode. Each is a small function from a sharp
 * pipeline to a sharp pipeline, so a job composes only the stages it needs and libvips still
 * runs them in one pass. Sizes are worked out here first, so the result's dimensions are known
 * (and checked) before any pixel is decoded.
 */
import type { Sharp } from 'sharp';
import { ImageError, ImageErrorCode } from './errors.js';

/** A rectangle in physical pixels of the upright image (what the region overlay reports). */
export interface Region {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface Size {
  width: number;
  height: number;
}

export interface FitLimits {
  /** 0 or undefined: no limit. Images are scaled down to fit, never up. */
  maxWidth?: number;
  maxHeight?: number;
}

export type Stage = (image: Sharp) => Sharp;

export interface GeometryPlan {
  stages: Stage[];
  /** The size after every stage. */
  size: Size;
}

export function cropStage(region: Region): Stage {
  return (image) => image.extract({ left: region.x, top: region.y, width: region.width, height: region.height });
}

export function resizeStage(size: Size): Stage {
  return (image) => image.resize(size.width, size.height, { fit: 'fill', kernel: 'lanczos3' });
}

/** The crop clamped to the image; refused when nothing of it is inside. */
export function clampRegion(name: string, image: Size, region: Region): Region {
  const values = [region.x, region.y, region.width, region.height];
  if (!values.every(Number.isInteger) || region.width < 1 || region.height < 1) {
    throw new ImageError(ImageErrorCode.badOptions, name, `The region to crop from ${name} must be whole pixels with a width and height of at least 1.`);
  }
  const x = Math.max(0, region.x);
  const y = Math.max(0, region.y);
  const right = Math.min(image.width, region.x + region.width);
  const bottom = Math.min(image.height, region.y + region.height);
  if (right <= x || bottom <= y) {
    throw new ImageError(
      ImageErrorCode.badOptions,
      name,
      `The region to crop (${region.width}×${region.height} at ${region.x},${region.y}) lies outside ${name}, which is ${image.width}×${image.height}. Select a region on the image.`,
    );
  }
  return { x, y, width: right - x, height: bottom - y };
}

/** The largest size within the limits with the same aspect ratio, never larger than `size`. */
export function fitWithin(size: Size, limits: FitLimits): Size {
  const scale = Math.min(1, limits.maxWidth ? limits.maxWidth / size.width : 1, limits.maxHeight ? limits.maxHeight / size.height : 1);
  if (scale === 1) return size;
  return { width: Math.max(1, Math.round(size.width * scale)), height: Math.max(1, Math.round(size.height * scale)) };
}

export function planGeometry(name: string, upright: Size, crop: Region | undefined, limits: FitLimits): GeometryPlan {
  const stages: Stage[] = [];
  let size = upright;
  if (crop) {
    const region = clampRegion(name, size, crop);
    if (region.width !== size.width || region.height !== size.height) {
      stages.push(cropStage(region));
      size = { width: region.width, height: region.height };
    }
  }
  const fitted = fitWithin(size, limits);
  if (fitted !== size) {
    stages.push(resizeStage(fitted));
    size = fitted;
  }
  return { stages, size };
}
