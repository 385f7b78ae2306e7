import type { Page } from '@playwright/test';

/**
 * Makes the page press Stop the moment the first streamed text shows, from inside the page: a fast machine can
 * finish even the slow test model's answer between two of the test's own checks. Records how many animations
 * ran at that moment (`animationsWhileGenerating`).
 */
export async function stopAtFirstText(page: Page): Promise<void> {
  await page.getByTestId('output-raw').evaluate((el) => {
    const w = window as unknown as { animationsWhileGenerating?: number };
    const seen = new MutationObserver(() => {
      if (!el.textContent) return;
      seen.disconnect();
      w.animationsWhileGenerating = document.getAnimations().length;
      document.querySelector<HTMLButtonElement>('[data-testid="stop"]')!.click();
    });
    seen.observe(el, { childList: true, characterData: true, subtree: true });
  });
}

/** What `stopAtFirstText` saw of animations while the model was generating. */
export const animationsWhileGenerating = (page: Page) =>
  page.evaluate(() => (window as unknown as { animationsWhileGenerating?: number }).animationsWhileGenerating);
