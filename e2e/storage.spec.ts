import { expect, test } from '@playwright/test';
import type { BrowserContext, Locator, Page } from '@playwright/test';
import LZString from 'lz-string';
import { form, openTemplate } from './helpers.ts';

/**
 * Storage that cannot lose work, and two tabs: every test counts the characters the author
 * typed that are not in the draft afterwards, and expects 0.
 */

/**
 * Test hooks, installed before the app loads: `window.__refuseWrites` makes every IndexedDB write
 * throw a quota error; `window.__hangWrites` keeps every write's transaction busy so it never
 * commits (a write still in flight when the page goes away); a simulated quota (sessionStorage `test-quota`) refuses writes beyond it
 * and is what navigator.storage.estimate() reports.
 */
function storageHooks(): void {
  const w = window as unknown as { __refuseWrites?: boolean; __hangWrites?: boolean };
  // Drafts are written by a worker, which these hooks cannot reach: the worker is refused, so
  // the app writes them in the page, as it does wherever a worker cannot start (the worker's
  // errors reach the page the same way: src/stores/draftWrite.test.ts).
  const PageWorker = window.Worker;
  window.Worker = class extends PageWorker {
    constructor(url: string | URL, options?: WorkerOptions) {
      if (options?.name === 'draft-writer') throw new DOMException('Refused', 'SecurityError');
      super(url, options);
    }
  };
  w.__refuseWrites = sessionStorage.getItem('test-refuse') === '1';
  const quota = Number(sessionStorage.getItem('test-quota') ?? 0);
  const sizes = new Map<string, number>();
  let base = Number(sessionStorage.getItem('test-base-usage') ?? 0);
  const used = () => base + [...sizes.values()].reduce((a, b) => a + b, 0);
  // eslint-disable-next-line @typescript-eslint/unbound-method -- called with its store below
  const put = IDBObjectStore.prototype.put;
  IDBObjectStore.prototype.put = function (
    this: IDBObjectStore,
    value: unknown,
    key?: IDBValidKey,
  ) {
    if (w.__refuseWrites)
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    if (w.__hangWrites) {
      // Reads in a loop keep the transaction from ever committing.
      const spin = () => {
        this.get('spin').onsuccess = spin;
      };
      spin();
      return this.get('spin') as IDBRequest<IDBValidKey>;
    }
    if (quota > 0) {
      const id = `${this.name}/${JSON.stringify(key)}`;
      const size = (JSON.stringify(value) ?? '').length * 2;
      if (used() - (sizes.get(id) ?? 0) + size > quota) {
        throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      }
      sizes.set(id, size);
    }
    return put.call(this, value, key);
  };
  if (quota > 0) {
    Object.defineProperty(navigator.storage, 'estimate', {
      value: () => Promise.resolve({ usage: used(), quota }),
    });
    void base;
    base = Number(sessionStorage.getItem('test-base-usage') ?? 0);
  }
}

test.beforeEach(async ({ context }) => {
  await context.addInitScript(storageHooks);
});

function refuseWrites(page: Page, refuse: boolean): Promise<void> {
  return page.evaluate((r) => {
    (window as unknown as { __refuseWrites?: boolean }).__refuseWrites = r;
    sessionStorage.setItem('test-refuse', r ? '1' : '0');
  }, refuse);
}

const status = (page: Page) => page.locator('.save-indicator');

function epAuthor(page: Page): Locator {
  return form(page)
    .getByRole('region', { name: /^EP-XXX/ })
    .first()
    .getByRole('textbox', { name: 'Author' });
}

/** The proposal's one title field, the form's first (it fills the EP-XXX heading's title). */
function epTitle(page: Page): Locator {
  return form(page)
    .getByRole('textbox', { name: /^Title/ })
    .first();
}

/** Characters of `typed` missing from `kept` (0 when kept holds all of it). */
function charactersLost(typed: string, kept: string): number {
  return kept.includes(typed) ? 0 : typed.length;
}

/** Every stored draft record, read straight from IndexedDB. */
function storedDrafts(
  page: Page,
): Promise<Record<string, { title: string; values: Record<string, unknown> }>> {
  return page.evaluate(
    () =>
      new Promise((resolve, reject) => {
        const open = indexedDB.open('proposal-studio/drafts');
        open.onupgradeneeded = () => open.result.createObjectStore('drafts');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('drafts', 'readonly');
          const store = tx.objectStore('drafts');
          const keys = store.getAllKeys();
          const values = store.getAll();
          tx.oncomplete = () => {
            db.close();
            resolve(Object.fromEntries(keys.result.map((k, i) => [k as string, values.result[i]])));
          };
        };
      }),
  );
}

/** Writes records straight into IndexedDB (before the app reads them on the next load). */
function seedDrafts(page: Page, records: [string, unknown][]): Promise<void> {
  return page.evaluate(
    (rows) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('proposal-studio/drafts');
        open.onupgradeneeded = () => open.result.createObjectStore('drafts');
        open.onerror = () => reject(new Error(String(open.error)));
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction('drafts', 'readwrite');
          for (const [key, value] of rows) tx.objectStore('drafts').put(value, key);
          tx.oncomplete = () => {
            db.close();
            resolve();
          };
          tx.onerror = () => reject(new Error(String(tx.error)));
        };
      }),
    records,
  );
}

function draftRecord(id: string, title: string, values: Record<string, unknown>) {
  const at = '2026-11-30T10:00:00.000Z';
  return {
    id,
    templateId: 'enhancement-proposal',
    title,
    values,
    createdAt: at,
    updatedAt: at,
    rev: 1,
  };
}

async function downloadedText(page: Page, button: Locator): Promise<string> {
  const download = page.waitForEvent('download');
  await button.click();
  const file = await (await download).path();
  const { readFile } = await import('node:fs/promises');
  return readFile(file, 'utf8');
}

// ---------------------------------------------------------------------------------------------

test('storage full before typing: banner, downloads, warning before unload, saved on retry', async ({
  page,
}) => {
  await page.goto('/');
  await refuseWrites(page, true);
  await openTemplate(page, 'Enhancement Proposal (EP)');
  const typed = 'Grace Hopper wrote this while storage was full';
  await epAuthor(page).fill(typed);

  const banner = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(banner).toBeVisible();
  await expect(status(page)).toHaveText(/^Not saved — .*storage .* is full/);
  const one = await downloadedText(
    page,
    banner.getByRole('button', { name: 'Download this draft' }),
  );
  expect(charactersLost(typed, one)).toBe(0);
  const all = await downloadedText(
    page,
    banner.getByRole('button', { name: 'Download all drafts' }),
  );
  expect(charactersLost(typed, all)).toBe(0);
  const warns = await page.evaluate(() => {
    const event = new Event('beforeunload', { cancelable: true });
    window.dispatchEvent(event);
    return event.defaultPrevented;
  });
  expect(warns).toBe(true);

  await refuseWrites(page, false);
  await banner.getByRole('button', { name: 'Try again now' }).click();
  await expect(status(page)).toHaveText('Saved');
  await expect(banner).toHaveCount(0);
  await page.reload();
  expect(charactersLost(typed, await epAuthor(page).inputValue())).toBe(0);
});

test('storage full during typing keeps every character and saves once it has room', async ({
  page,
}) => {
  await openTemplate(page, 'Enhancement Proposal (EP)');
  const author = epAuthor(page);
  await author.pressSequentially('Before the disk filled. ');
  await expect(status(page)).toHaveText('Saved');
  await refuseWrites(page, true);
  await author.pressSequentially('After it filled.');
  await expect(page.getByRole('alert').filter({ hasText: 'Not saved' })).toBeVisible();
  const typed = 'Before the disk filled. After it filled.';
  await expect(author).toHaveValue(typed);
  // Retried with backoff: once storage has room again, it saves by itself.
  await refuseWrites(page, false);
  await expect(status(page)).toHaveText('Saved', { timeout: 20_000 });
  await page.reload();
  expect(charactersLost(typed, await epAuthor(page).inputValue())).toBe(0);
});

test('a corrupt record in a library larger than half the quota is kept aside, nothing lost', async ({
  page,
}) => {
  await page.goto('/');
  // About 3 MB of drafts (6 MB as UTF-16) under a simulated quota of 10 MB.
  const big = 'x'.repeat(150_000);
  const records: [string, unknown][] = [];
  for (let i = 0; i < 20; i++) {
    records.push([`big${i}`, draftRecord(`big${i}`, `Big draft ${i}`, { text: `${i}:${big}` })]);
  }
  const corrupt = { id: 'broken', title: 'Broken draft', values: 'not an object' };
  records.push(['broken', corrupt]);
  await seedDrafts(page, records);
  const libraryBytes = JSON.stringify(records).length * 2;
  await page.evaluate((usage) => {
    sessionStorage.setItem('test-quota', String(10_000_000));
    sessionStorage.setItem('test-base-usage', String(usage));
  }, libraryBytes);
  expect(libraryBytes).toBeGreaterThan(5_000_000);
  await page.reload();

  const drafts = page.getByRole('region', { name: 'Your drafts' });
  await expect(drafts.locator('.draft-items > li')).toHaveCount(20);
  const aside = page.getByRole('region', { name: 'Kept aside' });
  await expect(aside).toContainText('Broken draft');
  await expect(page.getByText(/^Storage: .* used of 10 MB/)).toBeVisible();
  const kept = await downloadedText(page, aside.getByRole('button', { name: 'Download' }));
  expect((JSON.parse(kept) as { value: unknown }).value).toEqual(corrupt);

  const stored = await storedDrafts(page);
  let lost = 0;
  for (let i = 0; i < 20; i++)
    lost += charactersLost(`${i}:${big}`, String(stored[`big${i}`]?.values.text));
  expect(lost).toBe(0);
  // Moved aside, not overwritten: the rest of the library is untouched.
  expect(stored.broken).toBeUndefined();
});

test('migration from the localStorage format with 50 drafts', async ({ page }) => {
  await page.goto('/');
  const drafts: Record<string, unknown> = {};
  let typed = 0;
  for (let i = 0; i < 50; i++) {
    const text = `Draft number ${i}: ${'words '.repeat(i + 1)}`;
    typed += text.length;
    drafts[`old${i}`] = draftRecord(`old${i}`, `Old draft ${i}`, { 'ep.author': text });
  }
  await page.evaluate((library) => {
    localStorage.setItem(
      'proposal-studio/drafts',
      JSON.stringify({ state: { drafts: library }, version: 1 }),
    );
  }, drafts);
  await page.reload();
  await expect(
    page.getByRole('region', { name: 'Your drafts' }).locator('.draft-items > li'),
  ).toHaveCount(50);
  await expect
    .poll(() => page.evaluate(() => localStorage.getItem('proposal-studio/drafts')))
    .toBeNull();
  const stored = await storedDrafts(page);
  let kept = 0;
  for (let i = 0; i < 50; i++) {
    const value = stored[`old${i}`]?.values['ep.author'];
    if (
      typeof value === 'string' &&
      value === (drafts[`old${i}`] as { values: Record<string, string> }).values['ep.author']
    )
      kept += value.length;
  }
  expect(typed - kept).toBe(0);
});

test('reload and pagehide right after typing lose nothing', async ({ page }) => {
  await openTemplate(page, 'Enhancement Proposal (EP)');
  const url = page.url();
  await epAuthor(page).pressSequentially('Typed then reloaded');
  await page.reload();
  expect(charactersLost('Typed then reloaded', await epAuthor(page).inputValue())).toBe(0);

  await epTitle(page).pressSequentially('Typed then left');
  await page.goto('about:blank');
  await page.goto(url);
  expect(charactersLost('Typed then left', await epTitle(page).inputValue())).toBe(0);
});

test('a write still in flight when the page goes away loses nothing', async ({ page }) => {
  await openTemplate(page, 'Enhancement Proposal (EP)');
  const url = page.url();
  await epTitle(page).pressSequentially('Stored in time');
  await expect(status(page)).toHaveText('Saved');
  await page.evaluate(() => {
    (window as unknown as { __hangWrites?: boolean }).__hangWrites = true;
  });
  await epTitle(page).pressSequentially(', and then some');
  await expect(status(page)).toHaveText('Saving…');
  await page.goto('about:blank');
  await page.goto(url);
  const typed = 'Stored in time, and then some';
  expect(charactersLost(typed, await epTitle(page).inputValue())).toBe(0);
  // Stored for good: it is there after another reload too.
  await expect(status(page)).toHaveText('Saved');
  await page.reload();
  expect(charactersLost(typed, await epTitle(page).inputValue())).toBe(0);
});

test('a share link that would not fit: over the limit refused, beyond the storage left kept in memory', async ({
  page,
}) => {
  // A 2 MB address and a large template take a while on a busy machine.
  test.setTimeout(180_000);
  // Over the share-link limit: refused before anything is read or saved.
  await page.goto(`/#/share/${'A'.repeat(2_000_001)}`);
  await expect(
    page.getByRole('region', { name: 'This share link cannot be opened' }),
  ).toContainText(
    'This share link holds 2,000,001 characters of data; a share link may hold at most 2,000,000.',
  );
  await expect(page.getByRole('button', { name: 'Open as a new draft' })).toHaveCount(0);

  // Within the limit, but its template is larger than the storage left (a simulated quota).
  const guidance = 'Explain the goal in a few sentences. '.repeat(9000);
  const data = LZString.compressToEncodedURIComponent(
    JSON.stringify({
      v: 1,
      templateId: 'imported-goal',
      templateSource: `## Goal\n\n<!-- ${guidance} -->\n`,
      title: 'Shared big template',
      values: { 'goal.text': 'From the link.' },
    }),
  );
  await page.goto('/');
  await page.evaluate(() => sessionStorage.setItem('test-quota', String(400_000)));
  await page.goto(`/#/share/${data}`);
  await page.reload();
  await page.getByRole('button', { name: 'Open as a new draft' }).click();
  const banner = page.getByRole('alert').filter({ hasText: 'Not saved' });
  await expect(banner).toBeVisible();
  await expect(status(page)).toHaveText(/^Not saved — .*storage .* is full/);
  const goal = form(page).getByRole('textbox', { name: 'Goal' });
  await goal.click();
  await page.keyboard.press('ControlOrMeta+End');
  await page.keyboard.type(' Typed after.');
  const kept = await downloadedText(
    page,
    banner.getByRole('button', { name: 'Download this draft' }),
  );
  expect(charactersLost('From the link.', kept)).toBe(0);
  expect(charactersLost('Typed after.', kept)).toBe(0);
  // Other drafts still save: the quota is not taken by a half-written record.
  await page.goto('/');
  await page.evaluate(() => sessionStorage.removeItem('test-quota'));
  await page.reload();
  await openTemplate(page, 'Enhancement Proposal (EP)');
  await epAuthor(page).pressSequentially('Still saving');
  await expect(status(page)).toHaveText('Saved');
});

// ---------------------------------------------------------------------------------------------
// Two tabs

async function openInTwoTabs(context: BrowserContext): Promise<[Page, Page]> {
  const first = await context.newPage();
  await openTemplate(first, 'Enhancement Proposal (EP)');
  await expect(status(first)).toHaveText('Saved');
  const second = await context.newPage();
  await second.goto(first.url());
  await expect(second.getByText(/\d+ of \d+ sections complete/)).toBeVisible();
  return [first, second];
}

test('two tabs: the second is read-only until Edit here, then the first is', async ({
  context,
}) => {
  const [first, second] = await openInTwoTabs(context);
  const readOnly = (page: Page) =>
    page.getByRole('status').filter({ hasText: 'open for editing in another tab' });
  await expect(readOnly(second)).toBeVisible();
  await expect(readOnly(first)).toHaveCount(0);

  await epAuthor(first).pressSequentially('Written in the first tab.');
  // The read-only tab follows the writer's saves.
  await expect(epAuthor(second)).toHaveValue('Written in the first tab.');

  await epAuthor(first).pressSequentially(' More');
  await second.getByRole('button', { name: 'Edit here' }).click();
  await expect(readOnly(first)).toBeVisible();
  await expect(readOnly(second)).toHaveCount(0);
  const author = epAuthor(second);
  await expect(author).toHaveValue('Written in the first tab. More');
  await author.click();
  await author.press('End');
  await author.pressSequentially(' and the second.');
  await expect(status(second)).toHaveText('Saved');
  await expect(epAuthor(first)).toHaveValue('Written in the first tab. More and the second.');
  await second.reload();
  expect(
    charactersLost(
      'Written in the first tab. More and the second.',
      await epAuthor(second).inputValue(),
    ),
  ).toBe(0);
});

/** Tabs that cannot coordinate (no Web Locks, no BroadcastChannel) both edit. */
async function withoutCoordination(context: BrowserContext): Promise<void> {
  await context.addInitScript(() => {
    Object.defineProperty(navigator, 'locks', { value: undefined });
    Object.defineProperty(window, 'BroadcastChannel', { value: undefined });
  });
}

test('two tabs editing different fields at once: both edits are merged', async ({ context }) => {
  await withoutCoordination(context);
  const [first, second] = await openInTwoTabs(context);
  await epAuthor(first).fill('Author from the first tab');
  await expect(status(first)).toHaveText('Saved');
  await epTitle(second).fill('Title from the second tab');
  await expect(status(second)).toHaveText('Saved');
  // The second tab's save met the first tab's and merged it in.
  await expect(epAuthor(second)).toHaveValue('Author from the first tab');
  await first.reload();
  expect(charactersLost('Author from the first tab', await epAuthor(first).inputValue())).toBe(0);
  expect(charactersLost('Title from the second tab', await epTitle(first).inputValue())).toBe(0);
  await expect(first.getByRole('heading', { name: 'Changed in two tabs at once' })).toHaveCount(0);
});

for (const [choice, button, expected] of [
  ['mine', /^Keep this tab’s version/, ['From the second tab']],
  ['theirs', /^Use the other tab’s version/, ['From the first tab']],
  ['both', /^Keep both/, ['From the second tab', 'From the first tab']],
] as const) {
  test(`two tabs editing the same field: both shown, then "${choice}"`, async ({ context }) => {
    await withoutCoordination(context);
    const [first, second] = await openInTwoTabs(context);
    await epAuthor(first).fill('From the first tab');
    await expect(status(first)).toHaveText('Saved');
    await epAuthor(second).fill('From the second tab');
    await expect(status(second)).toHaveText('Saved');

    const chooser = second.getByRole('region', { name: 'Changed in two tabs at once' });
    await expect(chooser).toBeVisible();
    await expect(chooser.locator('[data-version="mine"]')).toHaveText('From the second tab');
    await expect(chooser.locator('[data-version="theirs"]')).toHaveText('From the first tab');
    // Until the author picks, both texts are stored: a reload keeps the choice open.
    await second.reload();
    await expect(chooser).toBeVisible();

    await chooser.getByRole('button', { name: button }).click();
    await expect(chooser).toHaveCount(0);
    await expect(status(second)).toHaveText('Saved');
    await second.reload();
    const value = await epAuthor(second).inputValue();
    for (const text of expected) expect(charactersLost(text, value)).toBe(0);
  });
}
