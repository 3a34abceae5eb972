import type { TemplateEntry } from './registry.ts';

// Template files are fetched as text on demand, so they stay out of the first screen's bundle.
const files = import.meta.glob<string>('./*.{md,txt,yml,yaml}', {
  query: '?raw',
  import: 'default',
});

export async function loadTemplateText(entry: TemplateEntry): Promise<string> {
  const load = files[`./${entry.file}`];
  if (!load) throw new Error(`Template file ${entry.file} is not bundled.`);
  return load();
}
