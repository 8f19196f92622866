/** Pointer, keyboard and toolbar events, turned into the controller's actions. */
import type { ArrowKey, Point } from '../../../shared/overlay/selection.js';
import { toImage, type FrameView } from '../../../shared/overlay/view.js';
import * as act from './controller.js';

const ARROWS = new Set(['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown']);

export function bindInput(root: HTMLElement, currentView: () => FrameView): void {
  const page = (e: MouseEvent): Point => ({ x: e.clientX, y: e.clientY });
  const image = (e: MouseEvent) => toImage(currentView(), page(e));
  const onToolbar = (e: Event) => e.target instanceof Element && e.target.closest('.toolbar') !== null;

  root.addEventListener('pointerdown', (e) => {
    if (e.button !== 0 || onToolbar(e)) return;
    root.setPointerCapture(e.pointerId);
    act.pointerDown(image(e), page(e), currentView().scale);
  });
  root.addEventListener('pointermove', (e) => act.pointerMove(image(e), page(e)));
  root.addEventListener('pointerup', (e) => {
    if (e.button === 0 && !onToolbar(e)) act.pointerUp(image(e));
  });
  root.addEventListener('pointerleave', () => act.pointerLeave());
  root.addEventListener('dblclick', (e) => {
    if (!onToolbar(e)) act.doubleClick(image(e));
  });
  root.addEventListener('contextmenu', (e) => {
    e.preventDefault();
    void act.cancel();
  });

  root.querySelector('.toolbar')!.addEventListener('click', (e) => {
    const action = e.target instanceof Element ? e.target.closest<HTMLButtonElement>('button')?.dataset.action : undefined;
    if (action === 'whole') act.selectWholeFrame();
    else if (action === 'last') act.selectLastRegion();
    else if (action === 'confirm') void act.confirm();
    else if (action === 'cancel') void act.cancel();
  });

  window.addEventListener('keydown', (e) => {
    const onButton = e.target instanceof HTMLButtonElement;
    if (e.key === 'Escape') void act.cancel();
    else if (e.key === 'Enter' && !onButton) void act.confirm();
    else if (ARROWS.has(e.key)) act.arrowKey(e.key as ArrowKey, { shift: e.shiftKey, alt: e.altKey });
    else if ((e.key === 'a' || e.key === 'A') && !e.altKey && !e.metaKey) act.selectWholeFrame();
    else if ((e.key === 'r' || e.key === 'R') && !e.ctrlKey && !e.altKey && !e.metaKey) act.selectLastRegion();
    else return;
    // Also keeps Alt+Left/Right from navigating the page in a browser.
    e.preventDefault();
  });
}
