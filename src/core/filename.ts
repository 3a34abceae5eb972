/** File names from titles (in a module of its own: downloading does not need core/github.ts). */

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)$/i;
const MAX_SLUG = 80;

/** A lower-case slug that keeps letters and digits of any script; '' when nothing is left. */
export function slugify(text: string): string {
  const slug = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  // Cut by code points so a surrogate pair is never split.
  const cut = Array.from(slug).slice(0, MAX_SLUG).join('').replace(/-+$/, '');
  return WINDOWS_RESERVED.test(cut) ? `${cut}-proposal` : cut;
}

/** A safe Markdown file name from the title: `my-proposal.md`, or `proposal.md`. */
export function fileNameFromTitle(title: string): string {
  const slug = slugify(title);
  return `${slug === '' ? 'proposal' : slug}.md`;
}
