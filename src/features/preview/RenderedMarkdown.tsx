import 'github-markdown-css/github-markdown.css';
import './preview-theme.css';
import './preview.css';
import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { formatCount, previewHazard } from '../../core/limits.ts';
import { allowRemoteImages, useRemoteImages } from './remoteImages.ts';
import { blockedRemoteElements, showRemoteImages } from './sanitize.ts';
import { loadYaml } from '../../templates/yaml-lazy.ts';
import { FRONT_MATTER } from './markdownEngine.ts';
import { applySectionHtml } from './sectionDom.ts';
import { createSectionRenderer } from './sectionRenderer.ts';

/**
 * Markdown rendered as GitHub shows it, updated per section: only sections whose HTML changed
 * get new innerHTML, and only sanitized HTML from the section renderer is ever assigned.
 */
export function RenderedMarkdown({
  markdown,
  label,
  scope,
}: {
  markdown: string;
  label?: string;
  /** What allowing remote images applies to (a draft id); without it, to this view only. */
  scope?: string;
}) {
  // Absurd input (over a limit, nested thousands deep, a line of megabytes) is not given to
  // marked: it is shown as plain text at once, with a notice, and kept whole in the draft.
  const hazard = useMemo(() => previewHazard(markdown), [markdown]);
  if (hazard) return <PlainTextPreview markdown={markdown} reason={hazard} label={label} />;
  return <SectionedMarkdown markdown={markdown} label={label} scope={scope} />;
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

function SectionedMarkdown({
  markdown,
  label,
  scope,
}: {
  markdown: string;
  label: string | undefined;
  scope: string | undefined;
}) {
  // Front matter shows as a table once the YAML library (its own chunk) is loaded: a fresh
  // renderer then renders it again.
  const hasFrontMatter = FRONT_MATTER.test(markdown);
  const [yamlReady, setYamlReady] = useState(false);
  const [renderer, setRenderer] = useState(createSectionRenderer);
  useEffect(() => {
    if (!hasFrontMatter || yamlReady) return;
    let live = true;
    loadYaml().then(
      () => {
        if (!live) return;
        setYamlReady(true);
        setRenderer(createSectionRenderer());
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [hasFrontMatter, yamlReady]);
  const [sectionElements] = useState(() => new Map<string, HTMLDivElement>());
  const shownHtml = useRef(new WeakMap<HTMLDivElement, string>());
  const body = useRef<HTMLDivElement>(null);
  const { sections } = useMemo(() => renderer.render(markdown), [renderer, markdown]);
  const allowedInScope = useRemoteImages((s) => (scope === undefined ? false : !!s.allowed[scope]));
  const [allowedHere, setAllowedHere] = useState(false);
  const allowed = allowedInScope || allowedHere;
  const [blocked, setBlocked] = useState(0);

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
    const root = body.current;
    if (!root) return;
    if (allowed) showRemoteImages(root);
    // Counted from the DOM the sanitizer produced: the one source of what is held back.
    setBlocked(blockedRemoteElements(root).length);
  }, [sections, sectionElements, allowed]);

  return (
    <div
      ref={body}
      className="markdown-body"
      {...(label ? { role: 'region', 'aria-label': label } : {})}
    >
      {blocked > 0 ? (
        <p className="preview-notice remote-images-notice">
          {blocked} remote image{blocked === 1 ? '' : 's'} blocked, so that opening this document
          tells no other server who reads it.{' '}
          <button
            type="button"
            onClick={() => (scope === undefined ? setAllowedHere(true) : allowRemoteImages(scope))}
          >
            Show
          </button>
        </p>
      ) : null}
      {sections.map(({ key }) => (
        <div key={key} className="preview-section" ref={refFor(key)} />
      ))}
    </div>
  );
}
