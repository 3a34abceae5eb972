import type {
  ChoiceField,
  DateField,
  Field,
  GroupField,
  ListField,
  TemplateFormat,
  TextField,
} from '../model.ts';

/** A part of a heading or of a bold label: fixed text, a field, or the number of a repeat. */
export type TitlePart =
  | { type: 'fixed'; text: string }
  | {
      type: 'field';
      fieldId: string;
      placeholder: string;
      /** The names the template's own example instances carry ("Foundation", "Core …"). */
      examples?: string[];
    }
  | { type: 'number' };

/** A heading (`## Alternative 1: [Name]`) or a bold label (`**Phase 1: \[Phase Name]**`). */
export interface TitleSpec {
  /** `## ` for headings, `**` for labels. */
  open: string;
  /** `` for headings, `**` (plus e.g. `:`) for labels. */
  close: string;
  parts: TitlePart[];
}

export interface KeyLayout {
  prefix: string;
  emptyText: string;
}

export type InlineField = TextField | DateField | ChoiceField;

/**
 * A block of a section, in document order. Static blocks are kept verbatim; fields are
 * rendered from the author's values.
 */
export type Block =
  | {
      type: 'static';
      raw: string;
      /** Comparison key when the block anchors reading (labels, rules, fixed text). */
      anchor: string;
    }
  | {
      type: 'field';
      field: Field;
      /** For key-value fields: how each key is written (`- **CPU**: `, nested `  * Via: `). */
      layout?: KeyLayout[];
      /** The template's guidance comments before the field, as written. */
      guidance?: string[];
    }
  | {
      /** `**Author**: [Your Name]`: a field on one line after a fixed prefix. */
      type: 'inline';
      field: InlineField;
      prefix: string;
      /** What the line shows when the value is empty (the template's placeholder text). */
      emptyText: string;
      /** Whether the next block continues the same paragraph (no blank line between). */
      joinNext: boolean;
      /** The guidance comment standing in for the value (`**TLDR**: <!-- One sentence -->`). */
      guidance?: string;
    }
  | {
      /** A block quote or GitHub alert (`> [!NOTE]`) holding blocks of its own. */
      type: 'quote';
      header: string;
      blocks: Block[];
    }
  | {
      /** A repeat written with bold labels (`**Alternative 1: [Name]**`, `**Phase 2: …**`). */
      type: 'group';
      field: GroupField;
      label: TitleSpec;
      blocks: Block[];
    };

export interface Section {
  type: 'section';
  /** Path id, e.g. `requirements/functional-requirements`; relative inside a group. */
  id: string;
  /** The heading's text as written in the template ("" for the part before the first heading). */
  title: string;
  level: number;
  heading: TitleSpec | null;
  /** Fields that are placeholders in the heading (`# EP-XXX: [Enhancement Title]`). */
  headingFields: TextField[];
  optional: boolean;
  /**
   * For the template's title heading (`# KEP-NNNN: Your title`, `# RFC title`): the field that
   * takes a document's H1 written in any other shape.
   */
  titleFieldId?: string;
  /** Guidance for the section as a whole. */
  hint: string;
  /**
   * Text the form shows just before this section, as the template places it (an issue form's
   * `markdown` elements). Markdown; never part of the output.
   */
  lead?: string;
  /** That guidance's comments as written, for output that keeps them. */
  guidance?: string[];
  blocks: Block[];
  children: SectionNode[];
}

/** Sibling sections that repeat ("### Alternative 1: …", "### Alternative 2: …"). */
export interface SectionGroup {
  type: 'group';
  id: string;
  field: GroupField;
  /** The first instance; field ids inside are relative to an instance. */
  instance: Section;
  optional: boolean;
}

export type SectionNode = Section | SectionGroup;

export interface FrontMatterEntry {
  key: string;
  /** The field editing this entry, when it is one (`created` → date, `authors` → list). */
  field: TextField | DateField | ListField | null;
  /** The YAML source of the value, as in the template. */
  rawValue: string;
  /** Where the value stands in `FrontMatter.source`, to replace it in place. */
  range: [number, number] | null;
}

export interface FrontMatter {
  /**
   * `document`: part of the document (RFC, design docs). `meta`: a GitHub issue template's
   * name/about/title/labels, which describe the template and feed the export, not the body.
   */
  role: 'document' | 'meta';
  /** The YAML text between the `---` lines, as in the template. */
  source: string;
  entries: FrontMatterEntry[];
  meta: { name: string; about: string; title: string; labels: string[]; assignees: string[] };
}

export interface Template {
  format: TemplateFormat;
  frontMatter: FrontMatter | null;
  /** Level 0: what stands before the first heading; all sections are its descendants. */
  root: Section;
  /** Issue-form output: `_No response_` stands for an empty answer. */
  emptyAnswer: string;
  /** Issue-form field ids whose element GitHub requires. */
  issueForm: boolean;
}
