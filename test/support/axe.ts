import { AxeBuilder } from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/**
 * axe's findings on the page as it is now, one line each (rule, impact, element), so a failing
 * test says what to fix. WCAG 2.x A/AA and best practices.
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // @axe-core/playwright is typed against playwright's Page; playwright-core's is the same object.
  const results = await new AxeBuilder({ page: page as never }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']).analyze();
  return results.violations.flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')} ${n.failureSummary?.split('\n').slice(1, 2).join('') ?? ''}`));
}
