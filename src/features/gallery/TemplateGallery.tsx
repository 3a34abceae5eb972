import type { TemplateEntry } from '../../templates/registry.ts';
import { FORMAT_LABELS, TARGET_LABELS } from '../../templates/registry.ts';

interface Props {
  templates: readonly TemplateEntry[];
  onPick: (id: string) => void;
}

export function TemplateGallery({ templates, onPick }: Props) {
  return (
    <section aria-labelledby="gallery-heading" className="gallery">
      <h1 id="gallery-heading">Start a proposal</h1>
      <p className="lede">
        Pick a template. You answer guided fields; the finished Markdown builds itself.
      </p>
      <ul className="card-grid">
        {templates.map((t) => (
          <li key={t.id}>
            <button
              type="button"
              className="card"
              onClick={() => onPick(t.id)}
              aria-describedby={`tpl-desc-${t.id}`}
            >
              <span className="card-title">{t.name}</span>
              <span className="card-desc" id={`tpl-desc-${t.id}`}>
                {t.description}
              </span>
              <span className="card-meta">
                {TARGET_LABELS[t.target]} · {FORMAT_LABELS[t.format]}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
