import { useId, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { RenderedMarkdown } from './RenderedMarkdown.tsx';

type TabId = 'preview' | 'markdown';

const TABS: readonly { id: TabId; label: string }[] = [
  { id: 'preview', label: 'Preview' },
  { id: 'markdown', label: 'Markdown' },
];

const KEY_MOVES: Record<string, (index: number) => number> = {
  ArrowRight: (index) => (index + 1) % TABS.length,
  ArrowLeft: (index) => (index - 1 + TABS.length) % TABS.length,
  Home: () => 0,
  End: () => TABS.length - 1,
};

/**
 * The finished document: rendered as GitHub shows it (Preview) or as text (Markdown).
 * The preview is updated per section: only sections whose HTML changed get new innerHTML, and only
 * sanitized HTML from the section renderer is ever assigned.
 */
export function PreviewPane({ markdown }: { markdown: string }) {
  const id = useId();
  const [selected, setSelected] = useState<TabId>('preview');
  const tabs = useRef(new Map<TabId, HTMLButtonElement>());

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const move = KEY_MOVES[event.key];
    if (!move) return;
    event.preventDefault();
    const current = TABS.findIndex((tab) => tab.id === selected);
    const next = TABS[move(current)];
    if (!next) return;
    setSelected(next.id);
    tabs.current.get(next.id)?.focus();
  };

  return (
    <div className="preview-pane">
      <div className="preview-tabs" role="tablist" aria-label="Document view">
        {TABS.map((tab) => (
          <button
            key={tab.id}
            ref={(element) => {
              if (element) tabs.current.set(tab.id, element);
              else tabs.current.delete(tab.id);
            }}
            type="button"
            role="tab"
            id={`${id}-${tab.id}-tab`}
            className="preview-tab"
            aria-selected={selected === tab.id}
            aria-controls={`${id}-${tab.id}-panel`}
            tabIndex={selected === tab.id ? 0 : -1}
            onClick={() => setSelected(tab.id)}
            onKeyDown={onTabKeyDown}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${id}-preview-panel`}
        aria-labelledby={`${id}-preview-tab`}
        className="preview-panel"
        hidden={selected !== 'preview'}
        tabIndex={0}
      >
        <RenderedMarkdown markdown={markdown} label="Preview" />
      </div>
      <div
        role="tabpanel"
        id={`${id}-markdown-panel`}
        aria-labelledby={`${id}-markdown-tab`}
        className="preview-panel"
        hidden={selected !== 'markdown'}
      >
        {selected === 'markdown' && (
          <textarea
            className="preview-source"
            aria-label="Markdown"
            readOnly
            spellCheck={false}
            value={markdown}
          />
        )}
      </div>
    </div>
  );
}
