import 'github-markdown-css/github-markdown.css';
import './preview-theme.css';
import './preview.css';
import { useLayoutEffect, useMemo, useRef, useState } from 'react';
import { applySectionHtml } from './sectionDom.ts';
import { createSectionRenderer } from './sectionRenderer.ts';

/**
 * Markdown rendered as GitHub shows it, updated per section: only sections whose HTML changed
 * get new innerHTML, and only sanitized HTML from the section renderer is ever assigned.
 */
export function RenderedMarkdown({ markdown, label }: { markdown: string; label?: string }) {
  const [renderer] = useState(createSectionRenderer);
  const sectionElements = useRef(new Map<string, HTMLDivElement>());
  const shownHtml = useRef(new WeakMap<HTMLDivElement, string>());
  const { sections } = useMemo(() => renderer.render(markdown), [renderer, markdown]);

  useLayoutEffect(() => {
    applySectionHtml(sectionElements.current, shownHtml.current, sections);
  }, [sections]);

  return (
    <div className="markdown-body" {...(label ? { role: 'region', 'aria-label': label } : {})}>
      {sections.map(({ key }) => (
        <div
          key={key}
          className="preview-section"
          ref={(element) => {
            if (element) sectionElements.current.set(key, element);
            else sectionElements.current.delete(key);
          }}
        />
      ))}
    </div>
  );
}
