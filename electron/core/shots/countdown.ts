/** Counts `seconds` down, calling `show` with the seconds left each second, then once with 0. */
export async function countDown(seconds: number, show: (left: number) => void, sleep: (ms: number) => Promise<void>): Promise<void> {
  for (let left = seconds; left > 0; left--) {
    show(left);
    await sleep(1000);
  }
  show(0);
}
