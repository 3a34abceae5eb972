/** Saves the exact Markdown as a `.md` file through a temporary object URL. */
export function downloadMarkdown(markdown: string, fileName: string): void {
  const blob = new Blob([markdown], { type: 'text/markdown;charset=utf-8' });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.className = 'export-offscreen';
  document.body.appendChild(link);
  try {
    link.click();
  } finally {
    link.remove();
    // Some browsers start the download after the click handler returns: revoke a bit later.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
}
