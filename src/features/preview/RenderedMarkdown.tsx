import 'github-markdown-css/github-markdown.css';
import './preview-theme.css';
import './preview.css';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatCount, previewHazard } from '../../core/limits.ts';
import { applySectionHtml } from './sectionDom.ts';
import { createSectionRenderer } from './sectionRenderer.ts';

/**
 * Markdown rendered as GitHub shows it, updated per section: only sections whose HTML changed
 * get new innerHTML, and only sanitized HTML from the section renderer is ever assigned.
 */
export function RenderedMarkdown({ markdown, label }: { markdown: string; label?: string }) {
  // Absurd input (over a limit, nested thousands deep, a line of megabytes) is not given to
  // marked: it is shown as plain text at once, with a notice, and kept whole in the draft.
  const hazard = useMemo(() => previewHazard(markdown), [markdown]);
  if (hazard) return <PlainTextPreview markdown={markdown} reason={hazard} label={label} />;
  return <SectionedMarkdown markdown={markdown} label={label} />;
}

/** The preview shows at most this much plain text (the Markdown tab and exports carry all). */
const PLAIN_PREVIEW_CHARS = 100_000;

function PlainTextPreview({
  markdown,
  reason,
  label,
}: {
  markdown: string;
  reason: string;
  label: string | undefined;
}) {
  const shown = markdown.length > PLAIN_PREVIEW_CHARS;
  return (
    <div className="markdown-body" {...(label ? { role: 'region', 'aria-label': label } : {})}>
      <p role="status" className="preview-notice">
        Shown as plain text: {reason} Nothing is removed: the Markdown tab and every export carry
        the whole text
        {shown
          ? ` (the first ${formatCount(PLAIN_PREVIEW_CHARS)} of ${formatCount(markdown.length)} characters are shown here).`
          : '.'}
      </p>
      <pre className="preview-plain">
        {shown ? markdown.slice(0, PLAIN_PREVIEW_CHARS) : markdown}
      </pre>
    </div>
  );
}

function SectionedMarkdown({ markdown, label }: { markdown: string; label: string | undefined }) {
  const [renderer] = useState(createSectionRenderer);
  const [sectionElements] = useState(() => new Map<string, HTMLDivElement>());
  const shownHtml = useRef(new WeakMap<HTMLDivElement, string>());
  const { sections } = useMemo(() => renderer.render(markdown), [renderer, markdown]);
  // One ref callback per section, kept across renders: a new callback would make React detach
  // and attach every section's element on each keystroke.
  const [refs] = useState(() => new Map<string, (element: HTMLDivElement | null) => void>());
  const refFor = (key: string) => {
    let ref = refs.get(key);
    if (!ref) {
      ref = (element) => {
        if (element) sectionElements.set(key, element);
        else {
          sectionElements.delete(key);
          refs.delete(key);
        }
      };
      refs.set(key, ref);
    }
    return ref;
  };

  useLayoutEffect(() => {
    applySectionHtml(sectionElements, shownHtml.current, sections);
  }, [sections, sectionElements]);

  return (
    <div className="markdown-body" {...(label ? { role: 'region', 'aria-label': label } : {})}>
      {sections.map(({ key }) => (
        <div key={key} className="preview-section" ref={refFor(key)} />
      ))}
    </div>
  );
}
