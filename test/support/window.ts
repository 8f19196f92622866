import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

/** Drops files on the window the way a file manager does: a drop event carrying File objects (with Shift held, if asked). */
export async function dropFiles(page: Page, list: Array<{ name: string; path: string; type: string }>, keys: { shiftKey?: boolean } = {}): Promise<void> {
  const payload = list.map((f) => ({ name: f.name, type: f.type, data: [...readFileSync(f.path)] }));
  await page.evaluate(({ items, shiftKey }) => {
    const transfer = new DataTransfer();
    for (const item of items) transfer.items.add(new File([new Uint8Array(item.data)], item.name, { type: item.type }));
    const target = document.querySelector('.app')!;
    target.dispatchEvent(new DragEvent('dragover', { bubbles: true, cancelable: true, dataTransfer: transfer }));
    target.dispatchEvent(new DragEvent('drop', { bubbles: true, cancelable: true, dataTransfer: transfer, shiftKey }));
  }, { items: payload, shiftKey: keys.shiftKey === true });
}
