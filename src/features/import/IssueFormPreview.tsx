import { useId } from 'react';
import type { ReactNode } from 'react';
import type { FormElement, IssueFormLint } from '../../core/template/issueform-lint.ts';

interface Props {
  lint: IssueFormLint;
  /** Renders Markdown (sanitized) as GitHub would; plain text without it. */
  renderMarkdown?: ((markdown: string) => ReactNode) | undefined;
}

/**
 * The issue form as the people filling it in will see it on GitHub: its name and description,
 * help text, labels, descriptions, placeholders, options and required marks. The controls work
 * (nothing is sent anywhere), so a maintainer can try the form before merging it.
 */
export function IssueFormPreview({ lint, renderMarkdown }: Props) {
  const id = useId();
  return (
    <section className="issue-form-preview" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>Form preview: {lint.name || 'Untitled form'}</h3>
      {lint.description ? <p className="issue-form-description">{lint.description}</p> : null}
      {lint.title ? (
        <div className="issue-form-element">
          <label htmlFor={`${id}-issue-title`}>Add a title</label>
          <input id={`${id}-issue-title`} type="text" defaultValue={lint.title} />
        </div>
      ) : null}
      {lint.elements.map((element) => (
        <PreviewElement
          key={element.index}
          element={element}
          id={`${id}-e${element.index}`}
          renderMarkdown={renderMarkdown}
        />
      ))}
    </section>
  );
}

function Markdown({
  text,
  renderMarkdown,
}: {
  text: string;
  renderMarkdown?: ((markdown: string) => ReactNode) | undefined;
}) {
  if (renderMarkdown) return <div className="issue-form-markdown">{renderMarkdown(text)}</div>;
  return <p className="issue-form-markdown issue-form-plain">{text}</p>;
}

function PreviewElement({
  element,
  id,
  renderMarkdown,
}: {
  element: FormElement;
  id: string;
  renderMarkdown?: ((markdown: string) => ReactNode) | undefined;
}) {
  if (element.type === 'markdown') {
    return <Markdown text={element.value} renderMarkdown={renderMarkdown} />;
  }
  const label = (
    <>
      {element.label}
      {element.required ? (
        <>
          {' '}
          <span className="issue-form-required" aria-label="required">
            *
          </span>
        </>
      ) : null}
    </>
  );
  const description = element.description ? (
    <div id={`${id}-desc`} className="issue-form-element-description">
      <Markdown text={element.description} renderMarkdown={renderMarkdown} />
    </div>
  ) : null;
  const describedBy = element.description ? `${id}-desc` : undefined;

  if (element.type === 'checkboxes') {
    return (
      <fieldset className="issue-form-element" aria-describedby={describedBy}>
        <legend>{label}</legend>
        {description}
        {element.options.map((option, i) => (
          <div key={option.label} className="issue-form-check">
            <input id={`${id}-o${i}`} type="checkbox" />
            <label htmlFor={`${id}-o${i}`}>
              {option.label}
              {option.required ? <span className="issue-form-required"> *</span> : null}
            </label>
          </div>
        ))}
      </fieldset>
    );
  }
  return (
    <div className="issue-form-element">
      <label htmlFor={id}>{label}</label>
      {description}
      {element.type === 'input' ? (
        <input
          id={id}
          type="text"
          placeholder={element.placeholder}
          defaultValue={element.value}
          aria-describedby={describedBy}
        />
      ) : element.type === 'textarea' ? (
        <>
          <textarea
            id={id}
            rows={4}
            placeholder={element.placeholder}
            defaultValue={element.value}
            aria-describedby={describedBy}
            className={element.render ? 'issue-form-code' : undefined}
          />
          {element.render ? (
            <p className="issue-form-note">GitHub shows the answer as {element.render} code.</p>
          ) : null}
        </>
      ) : (
        <select
          id={id}
          multiple={element.multiple}
          defaultValue={
            element.multiple
              ? []
              : element.defaultIndex >= 0
                ? (element.options[element.defaultIndex]?.label ?? '')
                : ''
          }
          aria-describedby={describedBy}
        >
          {element.multiple || element.defaultIndex >= 0 ? null : (
            <option value="">Selections: None</option>
          )}
          {element.options.map((option) => (
            <option key={option.label} value={option.label}>
              {option.label}
            </option>
          ))}
        </select>
      )}
    </div>
  );
}
