import { expect, test } from '@playwright/test';
import {
  failOnDialogsAndErrors,
  markdownText,
  openTemplate,
  caretAfter,
  pasteInto,
  preview,
  scrollPreview,
  section,
} from './helpers.ts';

test.beforeEach(({ page }) => failOnDialogsAndErrors(page));

/** Paragraph `n` of a long answer, named so that each can be found (`Point 0420`). */
const point = (n: number) =>
  `Point ${String(n).padStart(4, '0')}: the cache keeps its latency within the budget for each tenant that shares the node.`;

test('a long answer pasted at once: the preview shows any part of it scrolled to, and typing in it', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await openTemplate(page, 'Enhancement Request (AI Agent)');
  const background = section(page, /^Background/);
  await background.getByRole('button', { name: 'Markdown source for Motivation' }).click();
  const source = background.getByRole('textbox', { name: 'Motivation' });
  const count = 600;
  const text = Array.from({ length: count }, (_, i) => point(i + 1)).join('\n\n');
  await pasteInto(source, text);
  const region = preview(page);
  await expect(region.getByText(point(1))).toBeVisible();

  // Wherever the preview is scrolled to, the paragraphs there are rendered (not waiting as a
  // placeholder): the answer's points in view move on with the scroll.
  const firstInView: number[] = [];
  for (const at of [0.2, 0.45, 0.7]) {
    await scrollPreview(page, at);
    let seen = -1;
    await expect
      .poll(
        async () => {
          const view = await page.locator('.preview-sections').evaluate((sections) => {
            const inView = (el: Element) => {
              const range = document.createRange();
              range.selectNodeContents(el);
              const box = el.classList.contains('preview-section-pending')
                ? el.getBoundingClientRect()
                : range.getBoundingClientRect();
              return box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
            };
            const children = [...sections.children].filter(inView);
            const points = [...sections.querySelectorAll('p')]
              .filter(inView)
              .map((p) => Number(/Point (\d{4})/.exec(p.textContent ?? '')?.[1] ?? -1))
              .filter((n) => n > 0);
            return {
              waiting: children.filter((c) => c.classList.contains('preview-section-pending'))
                .length,
              first: points[0] ?? -1,
            };
          });
          seen = view.first;
          return view.waiting === 0 && view.first > 0;
        },
        { timeout: 20_000 },
      )
      .toBe(true);
    firstInView.push(seen);
  }
  expect(firstInView[0]).toBeLessThan(firstInView[1]!);
  expect(firstInView[1]).toBeLessThan(firstInView[2]!);

  // Typing near the end of the answer reaches the preview there, and the document.
  await caretAfter(source, 'Point 0580');
  await page.keyboard.type(' (checked)');
  // Scrolled to where point 580 stands (the points seen above place it), it shows the words.
  const [a, , b] = firstInView as [number, number, number];
  await scrollPreview(page, 0.2 + ((580 - a) / (b - a)) * 0.5);
  await expect(
    region.locator('p', { hasText: /^Point 0580 \(checked\): the cache/ }),
  ).toBeVisible();
  const markdown = await markdownText(page);
  expect(markdown).toContain(`Point 0580 (checked): the cache`);
  expect(markdown).toContain(point(600));
});
