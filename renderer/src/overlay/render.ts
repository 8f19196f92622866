/**
 * Draws the overlay's state onto the page: the dimmed mask with the selection (or the window
 * under the pointer) left clear, grips, crosshair, labels, magnifier and toolbar. Everything but
 * the frozen frame and the magnifier is plain positioned elements, cheap to move every frame.
 */
import { clampToFrame, type Rect, type Size } from '../../../shared/overlay/selection.js';
import { pixelAt, toPage, type FrameView } from '../../../shared/overlay/view.js';
import { MAGNIFIER_SIZE, type Magnifier } from './magnifier.js';
import type { OverlayState } from './store.js';

const GAP = 8;

export interface Renderer {
  render(state: OverlayState, view: FrameView, viewport: Size): void;
}

function place(element: HTMLElement, rect: Rect | null): void {
  element.hidden = rect === null;
  if (!rect) return;
  element.style.transform = `translate(${rect.x}px, ${rect.y}px)`;
  element.style.width = `${rect.width}px`;
  element.style.height = `${rect.height}px`;
}

/** Below the selection if it fits, else above, else inside its bottom edge; always on screen. */
function besideSelection(anchor: Rect | null, size: Size, viewport: Size): { x: number; y: number } {
  if (!anchor) return { x: (viewport.width - size.width) / 2, y: viewport.height - size.height - 24 };
  const below = anchor.y + anchor.height + GAP;
  const above = anchor.y - size.height - GAP;
  const y = below + size.height <= viewport.height ? below : above >= 0 ? above : anchor.y + anchor.height - size.height - GAP;
  const x = Math.min(Math.max(anchor.x + anchor.width - size.width, 0), viewport.width - size.width);
  return { x: Math.max(0, x), y: Math.max(0, y) };
}

export function createRenderer(root: HTMLElement, magnifier: Magnifier | null): Renderer {
  const $ = <T extends HTMLElement>(selector: string) => root.querySelector<T>(selector)!;
  const frameCanvas = $<HTMLCanvasElement>('.frame');
  const dim = $('.dim');
  const spotlight = $('.spotlight');
  const windowOutline = $('.window-outline');
  const crossX = $('.crosshair-x');
  const crossY = $('.crosshair-y');
  const label = $('.size-label');
  const labelTitle = $('.size-label-title');
  const labelSize = $('.size-label-size');
  const labelPosition = $('.size-label-position');
  const magnifierBox = $('.magnifier');
  const toolbar = $('.toolbar');
  const help = $('.help');
  const problem = $('.problem');
  const status = $('[role="status"]');
  const button = (action: string) => $<HTMLButtonElement>(`[data-action="${action}"]`);

  return {
    render(state, view, viewport) {
      const { frame, selection, hovered, gesture, pointer } = state;
      frameCanvas.style.transform = `translate(${view.left}px, ${view.top}px)`;
      frameCanvas.style.width = `${frame.width * view.scale}px`;
      frameCanvas.style.height = `${frame.height * view.scale}px`;

      // The clear area: the selection, or while there is none, the window a click would take.
      const spot = selection ?? (gesture || !hovered ? null : clampToFrame(hovered, frame));
      const spotPage = spot && toPage(view, spot);
      place(spotlight, spotPage);
      spotlight.classList.toggle('is-window', !selection);
      dim.hidden = spot !== null;
      place(windowOutline, selection && hovered && !gesture ? toPage(view, hovered) : null);

      label.hidden = !spotPage;
      if (spot && spotPage) {
        labelTitle.textContent = selection ? '' : hovered?.title || hovered?.app || '';
        labelSize.textContent = `${spot.width} × ${spot.height}`;
        labelPosition.textContent = `${spot.x}, ${spot.y}`;
        const top = spotPage.y - label.offsetHeight - 4;
        label.style.transform = `translate(${Math.max(0, spotPage.x)}px, ${top >= 0 ? top : spotPage.y + 4}px)`;
      }

      const pointerPage = pointer && { x: view.left + pointer.x * view.scale, y: view.top + pointer.y * view.scale };
      const showCross = pointerPage !== null && (!selection || gesture?.kind === 'draw');
      crossX.hidden = crossY.hidden = !showCross;
      if (showCross) {
        crossX.style.transform = `translateY(${pointerPage.y}px)`;
        crossY.style.transform = `translateX(${pointerPage.x}px)`;
      }

      magnifierBox.hidden = !pointerPage || !magnifier || state.phase !== 'ready';
      if (pointerPage && magnifier && !magnifierBox.hidden) {
        magnifier.draw(pixelAt(pointer!));
        const height = magnifierBox.offsetHeight || MAGNIFIER_SIZE;
        const x = pointerPage.x + 24 + MAGNIFIER_SIZE <= viewport.width ? pointerPage.x + 24 : pointerPage.x - 24 - MAGNIFIER_SIZE;
        const y = pointerPage.y + 24 + height <= viewport.height ? pointerPage.y + 24 : pointerPage.y - 24 - height;
        magnifierBox.style.transform = `translate(${x}px, ${y}px)`;
      }

      toolbar.hidden = gesture !== null || state.phase === 'loading';
      if (!toolbar.hidden) {
        const at = besideSelection(selection && toPage(view, selection), { width: toolbar.offsetWidth, height: toolbar.offsetHeight }, viewport);
        toolbar.style.transform = `translate(${at.x}px, ${at.y}px)`;
      }
      const ready = state.phase === 'ready';
      button('whole').disabled = !ready;
      button('last').disabled = !ready || state.lastRegion === null;
      button('confirm').disabled = !ready || selection === null;
      button('cancel').disabled = state.phase === 'sending' || state.phase === 'done';

      help.classList.toggle('visually-hidden', selection !== null || gesture !== null);
      problem.textContent = state.error ?? '';
      problem.hidden = !state.error;
      if (status.textContent !== state.announcement) status.textContent = state.announcement;
      root.dataset.phase = state.phase;
    },
  };
}
