/** Saves data as a JSON file through a temporary object URL (drafts kept safe by hand). */
export function downloadJson(data: unknown, fileName: string): void {
  const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Some browsers start the download after the click handler returns: revoke a bit later.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}

/** A file name safe on every system, from a draft's title. */
export function fileNameFor(title: string, suffix: string): string {
  const base = title
    .normalize('NFKD')
    .replace(/[^\w\s-]/g, '')
    .trim()
    .replace(/\s+/g, '-')
    .slice(0, 60)
    .toLowerCase();
  return `${base || 'draft'}${suffix}`;
}

export function todayStamp(): string {
  return new Date().toISOString().slice(0, 10);
}
