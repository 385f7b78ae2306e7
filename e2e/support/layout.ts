import type { Page } from '@playwright/test';

/** Visible buttons drawn much wider than their label needs: a row meant for panels stretching them. */
export function stretchedButtons(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll('button')].flatMap((b) => {
      if (!b.offsetParent) return [];
      const style = getComputedStyle(b);
      const range = document.createRange();
      range.selectNodeContents(b);
      const label = range.getBoundingClientRect();
      // a label wrapped over lines fills the button by itself
      const line = parseFloat(style.lineHeight) || 1.2 * parseFloat(style.fontSize);
      if (label.height > 1.5 * line) return [];
      const needed = label.width + parseFloat(style.paddingLeft) + parseFloat(style.paddingRight);
      const drawn = b.getBoundingClientRect().width;
      return drawn > needed + 24 ? [`"${b.textContent!.trim().slice(0, 30)}" ${drawn.toFixed(0)} px for ${needed.toFixed(0)}`] : [];
    }),
  );
}

/** Visible checkboxes and radio buttons not on the line of their label's text: a grid label stacking them. */
export function stackedChecks(page: Page) {
  return page.evaluate(() =>
    [...document.querySelectorAll<HTMLInputElement>('label > input[type="checkbox"], label > input[type="radio"]')].flatMap((box) => {
      const label = box.parentElement!;
      const text = [...label.childNodes].find((n) => n.nodeType === Node.TEXT_NODE && n.textContent!.trim());
      if (!box.offsetParent || !text) return [];
      const range = document.createRange();
      range.selectNodeContents(text);
      const words = range.getBoundingClientRect();
      const mark = box.getBoundingClientRect();
      const middle = mark.top + mark.height / 2;
      return middle < words.top || middle > words.bottom ? [`"${label.textContent!.trim().slice(0, 30)}"`] : [];
    }),
  );
}
