/**
 * A light YAML reader for front matter and GitHub issue forms: the `yaml` library's lexer and
 * parser (its concrete syntax tree, with every token's offset) and its scalar resolution, but our
 * own composition of values, for the subset templates use: block and flow maps and sequences,
 * plain, quoted and block scalars, comments, YAML 1.2's core schema (null, booleans, numbers).
 * Anchors, aliases, tags, explicit (`?`) and non-scalar keys, directives and several documents
 * are refused with an error, never read differently: the rest of the `yaml` library (its
 * document model, schemas and stringifier, three times the size) is not needed in the browser.
 *
 * The API is the subset of `yaml`'s that src/core uses, with the same shapes (`parseDocument`,
 * `isMap`/`isSeq`/`isScalar`, nodes with `range`, `errors` with `linePos`), and it reports the
 * same errors as `yaml` for what it reads, ported from its composer (yaml-light.test.ts compares
 * the two on generated YAML and on every YAML of the corpus and the built-in templates).
 */
import { CST, LineCounter, Parser } from 'yaml';

export { LineCounter };

/** Start, end of the value, end of the node with its trailing comment (as `yaml`'s). */
export type Range = [number, number, number];
export type ScalarType =
  'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL' | 'BLOCK_FOLDED';

/** A scalar's value: text, or what the core schema reads (undefined only where refused). */
export type ScalarValue = string | number | boolean | null | undefined;

export class Scalar {
  constructor(
    readonly value: ScalarValue,
    readonly type: ScalarType,
    readonly range: Range,
    /** The value's text after quoting and folding are resolved (before the schema). */
    readonly source: string,
  ) {}
}

export class Pair {
  constructor(
    readonly key: Node,
    readonly value: Node | null,
  ) {}
}

export class YAMLMap {
  readonly items: Pair[] = [];
  range: Range = [0, 0, 0];
  constructor(readonly flow: boolean) {}

  private pair(key: unknown): Pair | undefined {
    return this.items.find(
      (p) => p.key === key || (p.key instanceof Scalar && p.key.value === key),
    );
  }

  has(key: unknown): boolean {
    return !!this.pair(key);
  }

  /** The value node of the first pair with this key (`yaml`'s `get(key, true)`). */
  get(key: unknown, keepScalar?: boolean): unknown {
    const node = this.pair(key)?.value;
    return (!keepScalar && node instanceof Scalar ? node.value : node) ?? undefined;
  }
}

export class YAMLSeq {
  readonly items: Node[] = [];
  range: Range = [0, 0, 0];
  constructor(readonly flow: boolean) {}
}

export type Node = Scalar | YAMLMap | YAMLSeq;

export const isMap = (node: unknown): node is YAMLMap => node instanceof YAMLMap;
export const isSeq = (node: unknown): node is YAMLSeq => node instanceof YAMLSeq;
export const isScalar = (node: unknown): node is Scalar => node instanceof Scalar;

export interface YamlError {
  code: string;
  message: string;
  pos: [number, number];
  linePos?: [{ line: number; col: number }, { line: number; col: number }];
}

export interface ParseOptions {
  /** `false`: a key may repeat (its last value counts, as in `yaml`). Default true. */
  uniqueKeys?: boolean;
  /** Filled with the text's line starts, for the line of a node's `range`. */
  lineCounter?: LineCounter;
  /** Accepted for `yaml`'s API; errors always carry `linePos`. */
  prettyErrors?: boolean;
}

export class Document {
  contents: Node | null = null;
  readonly errors: YamlError[] = [];

  /** Plain values; `maxAliasCount` is accepted for `yaml`'s API (aliases are refused). */
  toJS(_options?: { maxAliasCount?: number }): unknown {
    return toJS(this.contents);
  }
}

// `yaml`'s CST tokens (CST.Token and its parts), as far as they are read here.
type Token = CST.Token;
type SourceToken = CST.SourceToken;
type CollectionItem = CST.CollectionItem;
type ErrorSource = number | [number, number] | { offset: number; source?: string };

// Nesting deeper than this is refused rather than risking the call stack.
const MAX_DEPTH = 500;
const UNSUPPORTED =
  'are not supported here (anchors, aliases, tags, `?` keys and non-text keys): write the value out';

function toJS(node: Node | null): unknown {
  if (node === null) return null;
  if (node instanceof Scalar) return node.value;
  if (node instanceof YAMLSeq) return node.items.map(toJS);
  const out: Record<string, unknown> = {};
  for (const { key, value } of node.items) {
    // Keys are scalars (others are refused): null, a boolean, a number or text.
    const name = key instanceof Scalar && key.value !== null ? String(key.value) : '';
    if (name in out) {
      Object.defineProperty(out, name, {
        value: toJS(value),
        writable: true,
        enumerable: true,
        configurable: true,
      });
    } else out[name] = toJS(value);
  }
  return out;
}

/** YAML 1.2's core schema, as `yaml` resolves a plain scalar. */
function resolvePlain(text: string): ScalarValue {
  if (/^(?:~|[Nn]ull|NULL)?$/.test(text)) return null;
  if (/^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(text)) return text[0] === 't' || text[0] === 'T';
  if (/^0o[0-7]+$/.test(text)) return parseInt(text.substring(2), 8);
  if (/^[-+]?[0-9]+$/.test(text)) return parseInt(text, 10);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return parseInt(text.substring(2), 16);
  if (/^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN)$/.test(text)) {
    return text.slice(-3).toLowerCase() === 'nan'
      ? NaN
      : text[0] === '-'
        ? Number.NEGATIVE_INFINITY
        : Number.POSITIVE_INFINITY;
  }
  if (
    /^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+$/.test(text) ||
    /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/.test(text)
  ) {
    return parseFloat(text);
  }
  return text;
}

interface Props {
  found: SourceToken | null;
  comma: SourceToken | null;
  comment: string;
  hasNewline: boolean;
  end: number;
  start: number;
}

interface PropsContext {
  flow?: string;
  indicator: string;
  next: Token | null | undefined;
  offset: number;
  parentIndent: number;
  startOnNewline: boolean;
}

class Composer {
  readonly errors: YamlError[] = [];
  private depth = 0;

  constructor(private readonly uniqueKeys: boolean) {}

  error(source: ErrorSource, code: string, message: string): void {
    const pos: [number, number] =
      typeof source === 'number'
        ? [source, source + 1]
        : Array.isArray(source)
          ? source
          : [source.offset, source.offset + (source.source?.length ?? 1)];
    this.errors.push({ code, message, pos });
  }

  /** The tokens before a node: indicators, space, comments (`yaml`'s resolveProps). */
  props(tokens: SourceToken[], ctx: PropsContext): Props {
    let atNewline = ctx.startOnNewline;
    let hasSpace = ctx.startOnNewline;
    let comment = '';
    let hasNewline = false;
    let tab: SourceToken | null = null;
    let comma: SourceToken | null = null;
    let found: SourceToken | null = null;
    for (const token of tokens) {
      if (tab) {
        if (atNewline && token.type !== 'comment' && token.type !== 'newline') {
          this.error(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
        }
        tab = null;
      }
      switch (token.type) {
        case 'space':
          if (
            !ctx.flow &&
            (ctx.indicator !== 'doc-start' || ctx.next?.type !== 'flow-collection') &&
            token.source.includes('\t')
          ) {
            tab = token;
          }
          hasSpace = true;
          break;
        case 'comment':
          if (!hasSpace) {
            this.error(
              token,
              'MISSING_CHAR',
              'Comments must be separated from other tokens by white space characters',
            );
          }
          comment += token.source.substring(1) || ' ';
          atNewline = false;
          break;
        case 'newline':
          atNewline = true;
          hasNewline = true;
          hasSpace = true;
          break;
        case 'anchor':
        case 'tag':
          this.error(token, 'UNSUPPORTED', `Anchors and tags ${UNSUPPORTED}`);
          atNewline = false;
          hasSpace = false;
          break;
        case ctx.indicator:
          if (found) {
            this.error(
              token,
              'UNEXPECTED_TOKEN',
              `Unexpected ${token.source} in ${ctx.flow ?? 'collection'}`,
            );
          }
          found = token;
          atNewline = ctx.indicator === 'seq-item-ind' || ctx.indicator === 'explicit-key-ind';
          hasSpace = false;
          break;
        default:
          if (token.type === 'comma' && ctx.flow) {
            if (comma) this.error(token, 'UNEXPECTED_TOKEN', `Unexpected , in ${ctx.flow}`);
            comma = token;
            atNewline = false;
            hasSpace = false;
            break;
          }
          this.error(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} token`);
          atNewline = false;
          hasSpace = false;
      }
    }
    const last = tokens[tokens.length - 1];
    const end = last ? last.offset + last.source.length : ctx.offset;
    if (
      tab &&
      ((atNewline && tab.indent <= ctx.parentIndent) ||
        ctx.next?.type === 'block-map' ||
        ctx.next?.type === 'block-seq')
    ) {
      this.error(tab, 'TAB_AS_INDENT', 'Tabs are not allowed as indentation');
    }
    return { found, comma, comment, hasNewline, end, start: end };
  }

  node(token: Token): Node {
    switch (token.type) {
      case 'scalar':
      case 'single-quoted-scalar':
      case 'double-quoted-scalar':
      case 'block-scalar':
        return this.scalar(token);
      case 'block-map':
      case 'block-seq':
      case 'flow-collection': {
        if (++this.depth > MAX_DEPTH) {
          this.depth = 0;
          throw new Error(`The YAML is nested more than ${MAX_DEPTH} levels deep`);
        }
        const node =
          token.type === 'block-map'
            ? this.blockMap(token)
            : token.type === 'block-seq'
              ? this.blockSeq(token)
              : this.flowCollection(token);
        this.depth--;
        return node;
      }
      case 'alias': {
        this.error(token, 'UNSUPPORTED', `Aliases ${UNSUPPORTED}`);
        // Equal to no other key (a key refused is no duplicate).
        const end = token.offset + token.source.length;
        return new Scalar(undefined, 'PLAIN', [token.offset, end, end], token.source);
      }
      default:
        this.error(
          token,
          'UNEXPECTED_TOKEN',
          token.type === 'error' ? token.message : `Unsupported token (type: ${token.type})`,
        );
    }
    return this.empty(token.offset);
  }

  scalar(token: CST.FlowScalar | CST.BlockScalar): Scalar {
    // The library's own composer lets a block scalar outside any collection start unindented.
    const atRoot = this.depth === 0;
    const resolved = CST.resolveAsScalar(token, true, (offset, code, message) => {
      if (!(atRoot && code === 'BAD_INDENT' && /^Block scalar values in coll/.test(message))) {
        this.error(offset, code, message);
      }
    });
    const type: ScalarType = resolved.type ?? 'PLAIN';
    const value = token.type === 'scalar' ? resolvePlain(resolved.value) : resolved.value;
    return new Scalar(value, type, resolved.range, resolved.value);
  }

  /** An empty value: null, placed after the space that precedes it (`yaml`'s position). */
  empty(offset: number, before?: SourceToken[], props?: Props): Scalar {
    if (before) {
      for (let i = before.length - 1; i >= 0; --i) {
        let st = before[i]!;
        if (st.type === 'space' || st.type === 'comment' || st.type === 'newline') {
          offset -= st.source.length;
          continue;
        }
        st = before[++i]!;
        while (st?.type === 'space') {
          offset += st.source.length;
          st = before[++i]!;
        }
        break;
      }
    }
    const end = props?.comment ? props.end : offset;
    return new Scalar(null, 'PLAIN', [offset, offset, end], '');
  }

  duplicate(map: YAMLMap, key: Node): boolean {
    return (
      this.uniqueKeys &&
      map.items.some(
        (p) =>
          p.key === key ||
          (p.key instanceof Scalar &&
            key instanceof Scalar &&
            key.value !== undefined &&
            p.key.value === key.value),
      )
    );
  }

  key(token: Token | null | undefined, start: SourceToken[], props: Props): Node {
    if (!token) return this.empty(props.end, start, props);
    if (
      token.type === 'block-map' ||
      token.type === 'block-seq' ||
      token.type === 'flow-collection'
    ) {
      this.error(token, 'UNSUPPORTED', `Keys that are lists or maps ${UNSUPPORTED}`);
    }
    return this.node(token);
  }

  blockMap(bm: CST.BlockMap): YAMLMap {
    const map = new YAMLMap(false);
    let offset = bm.offset;
    let commentEnd: number | null = null;
    for (const { start, key, sep, value } of bm.items) {
      const keyProps = this.props(start, {
        indicator: 'explicit-key-ind',
        next: key ?? sep?.[0],
        offset,
        parentIndent: bm.indent,
        startOnNewline: true,
      });
      if (keyProps.found) {
        this.error(keyProps.found, 'UNSUPPORTED', `Explicit keys (\`?\`) ${UNSUPPORTED}`);
      } else {
        if (key) {
          if (key.type === 'block-seq') {
            this.error(
              offset,
              'BLOCK_AS_IMPLICIT_KEY',
              'A block sequence may not be used as an implicit map key',
            );
          } else if ('indent' in key && key.indent !== bm.indent) {
            this.error(offset, 'BAD_INDENT', 'All mapping items must start at the same column');
          }
        }
        if (!sep) {
          commentEnd = keyProps.end;
          continue;
        }
        if (containsNewline(key)) {
          this.error(
            key ?? start[start.length - 1]!,
            'MULTILINE_IMPLICIT_KEY',
            'Implicit keys need to be on a single line',
          );
        }
      }
      const keyNode = this.key(key, start, keyProps);
      if (this.duplicate(map, keyNode)) {
        this.error(keyProps.end, 'DUPLICATE_KEY', 'Map keys must be unique');
      }
      const valueProps = this.props(sep ?? [], {
        indicator: 'map-value-ind',
        next: value,
        offset: keyNode.range[2],
        parentIndent: bm.indent,
        startOnNewline: !key || key.type === 'block-scalar',
      });
      offset = valueProps.end;
      if (valueProps.found) {
        if (value?.type === 'block-map' && !valueProps.hasNewline) {
          this.error(
            offset,
            'BLOCK_AS_IMPLICIT_KEY',
            'Nested mappings are not allowed in compact mappings',
          );
        }
        if (keyProps.start < valueProps.found.offset - 1024) {
          this.error(
            [keyNode.range[0], keyNode.range[1]],
            'KEY_OVER_1024_CHARS',
            'The : indicator must be at most 1024 chars after the start of an implicit block mapping key',
          );
        }
        const valueNode = value ? this.node(value) : this.empty(offset, sep, valueProps);
        offset = valueNode.range[2];
        map.items.push(new Pair(keyNode, valueNode));
      } else {
        if (!keyProps.found) {
          this.error(
            [keyNode.range[0], keyNode.range[1]],
            'MISSING_CHAR',
            'Implicit map keys need to be followed by map values',
          );
        }
        map.items.push(new Pair(keyNode, null));
      }
    }
    if (commentEnd !== null && commentEnd < offset) {
      this.error(commentEnd, 'IMPOSSIBLE', 'Map comment with trailing content');
    }
    map.range = [bm.offset, offset, commentEnd ?? offset];
    return map;
  }

  blockSeq(bs: CST.BlockSequence): YAMLSeq {
    const seq = new YAMLSeq(false);
    let offset = bs.offset;
    let commentEnd: number | null = null;
    for (const { start, value } of bs.items) {
      const props = this.props(start, {
        indicator: 'seq-item-ind',
        next: value,
        offset,
        parentIndent: bs.indent,
        startOnNewline: true,
      });
      if (!props.found) {
        if (value) {
          if (value.type === 'block-seq') {
            this.error(props.end, 'BAD_INDENT', 'All sequence items must start at the same column');
          } else this.error(offset, 'MISSING_CHAR', 'Sequence item without - indicator');
        } else {
          commentEnd = props.end;
          continue;
        }
      }
      const node = value ? this.node(value) : this.empty(props.end, start, props);
      offset = node.range[2];
      seq.items.push(node);
    }
    seq.range = [bs.offset, offset, commentEnd ?? offset];
    return seq;
  }

  flowCollection(fc: CST.FlowCollection): YAMLMap | YAMLSeq {
    const isMapStart = fc.start.source === '{';
    const name = isMapStart ? 'flow map' : 'flow sequence';
    const coll = isMapStart ? new YAMLMap(true) : new YAMLSeq(true);
    const atRoot = this.depth === 1;
    let offset = fc.offset + fc.start.source.length;
    fc.items.forEach(({ start, key, sep, value }: CollectionItem, i) => {
      const props = this.props(start, {
        flow: name,
        indicator: 'explicit-key-ind',
        next: key ?? sep?.[0],
        offset,
        parentIndent: fc.indent,
        startOnNewline: false,
      });
      if (props.found) {
        this.error(props.found, 'UNSUPPORTED', `Explicit keys (\`?\`) ${UNSUPPORTED}`);
      } else {
        if (!sep && !value) {
          if (i === 0 && props.comma) {
            this.error(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${name}`);
          } else if (i < fc.items.length - 1) {
            this.error(props.start, 'UNEXPECTED_TOKEN', `Unexpected empty item in ${name}`);
          }
          offset = props.end;
          return;
        }
        if (!isMapStart && containsNewline(key)) {
          this.error(
            key!,
            'MULTILINE_IMPLICIT_KEY',
            'Implicit keys of flow sequence pairs need to be on a single line',
          );
        }
      }
      if (i === 0) {
        if (props.comma) this.error(props.comma, 'UNEXPECTED_TOKEN', `Unexpected , in ${name}`);
      } else if (!props.comma) {
        this.error(props.start, 'MISSING_CHAR', `Missing , between ${name} items`);
      }
      if (coll instanceof YAMLSeq && !sep && !props.found) {
        const node = value ? this.node(value) : this.empty(props.end, sep, props);
        coll.items.push(node);
        offset = node.range[2];
        if (isBlock(value)) this.error(node.range[0], 'BLOCK_IN_FLOW', BLOCK_IN_FLOW);
        return;
      }
      const keyNode = this.key(key, start, props);
      if (isBlock(key)) this.error(keyNode.range[0], 'BLOCK_IN_FLOW', BLOCK_IN_FLOW);
      const valueProps = this.props(sep ?? [], {
        flow: name,
        indicator: 'map-value-ind',
        next: value,
        offset: keyNode.range[2],
        parentIndent: fc.indent,
        startOnNewline: false,
      });
      if (valueProps.found) {
        if (!isMapStart && !props.found) {
          for (const st of sep ?? []) {
            if (st === valueProps.found) break;
            if (st.type === 'newline') {
              this.error(
                st,
                'MULTILINE_IMPLICIT_KEY',
                'Implicit keys of flow sequence pairs need to be on a single line',
              );
              break;
            }
          }
          if (props.start < valueProps.found.offset - 1024) {
            this.error(
              valueProps.found,
              'KEY_OVER_1024_CHARS',
              'The : indicator must be at most 1024 chars after the start of an implicit flow sequence key',
            );
          }
        }
      } else if (value) {
        if ('source' in value && value.source?.[0] === ':') {
          this.error(value, 'MISSING_CHAR', `Missing space after : in ${name}`);
        } else {
          this.error(valueProps.start, 'MISSING_CHAR', `Missing , or : between ${name} items`);
        }
      }
      const valueNode = value
        ? this.node(value)
        : valueProps.found
          ? this.empty(valueProps.end, sep, valueProps)
          : null;
      if (valueNode && isBlock(value)) {
        this.error(valueNode.range[0], 'BLOCK_IN_FLOW', BLOCK_IN_FLOW);
      }
      const pair = new Pair(keyNode, valueNode);
      if (coll instanceof YAMLMap) {
        if (this.duplicate(coll, keyNode)) {
          this.error(props.end, 'DUPLICATE_KEY', 'Map keys must be unique');
        }
        coll.items.push(pair);
      } else {
        const map = new YAMLMap(true);
        map.items.push(pair);
        const endRange = (valueNode ?? keyNode).range;
        map.range = [keyNode.range[0], endRange[1], endRange[2]];
        coll.items.push(map);
      }
      offset = valueNode ? valueNode.range[2] : valueProps.end;
    });
    const expectedEnd = isMapStart ? '}' : ']';
    const [ce, ...ee] = fc.end;
    let cePos = offset;
    if (ce?.source === expectedEnd) cePos = ce.offset + ce.source.length;
    else {
      const title = name[0]!.toUpperCase() + name.substring(1);
      this.error(
        offset,
        atRoot ? 'MISSING_CHAR' : 'BAD_INDENT',
        atRoot
          ? `${title} must end with a ${expectedEnd}`
          : `${title} in block collection must be sufficiently indented and end with a ${expectedEnd}`,
      );
      if (ce && ce.source.length !== 1) ee.unshift(ce);
    }
    coll.range = [fc.offset, cePos, ee.length > 0 ? this.end(ee, cePos) : cePos];
    return coll;
  }

  /** Space and comments after a node (`yaml`'s resolveEnd, strict); returns where they end. */
  end(tokens: SourceToken[] | undefined, offset: number, strict = true): number {
    let hasSpace = false;
    for (const token of tokens ?? []) {
      switch (token.type) {
        case 'space':
        case 'newline':
          hasSpace = true;
          break;
        case 'comment':
          if (strict && !hasSpace) {
            this.error(
              token,
              'MISSING_CHAR',
              'Comments must be separated from other tokens by white space characters',
            );
          }
          break;
        default:
          this.error(token, 'UNEXPECTED_TOKEN', `Unexpected ${token.type} at node end`);
      }
      offset += token.source.length;
    }
    return offset;
  }

  document(token: CST.Document): Node {
    const { offset, start, value, end } = token;
    const props = this.props(start, {
      indicator: 'doc-start',
      next: value ?? end?.[0],
      offset,
      parentIndent: 0,
      startOnNewline: true,
    });
    if (
      props.found &&
      value &&
      (value.type === 'block-map' || value.type === 'block-seq') &&
      !props.hasNewline
    ) {
      this.error(
        props.end,
        'MISSING_CHAR',
        'Block collection cannot start on same line with directives-end marker',
      );
    }
    const contents = value ? this.node(value) : this.empty(props.end, start, props);
    this.end(end, contents.range[2], false);
    return contents;
  }
}

const BLOCK_IN_FLOW = 'Block collections are not allowed within flow collections';
const isBlock = (token: Token | null | undefined) =>
  token?.type === 'block-map' || token?.type === 'block-seq';

function containsNewline(key: Token | null | undefined): boolean {
  if (!key) return false;
  switch (key.type) {
    case 'alias':
    case 'scalar':
    case 'double-quoted-scalar':
    case 'single-quoted-scalar':
      return key.source.includes('\n') || !!key.end?.some((st) => st.type === 'newline');
    case 'flow-collection':
      return key.items.some(
        (it) =>
          it.start.some((st) => st.type === 'newline') ||
          !!it.sep?.some((st) => st.type === 'newline') ||
          containsNewline(it.key) ||
          containsNewline(it.value),
      );
    default:
      return true;
  }
}

/** Reads one YAML document (see the module's comment for what is refused). */
export function parseDocument(source: string, options: ParseOptions = {}): Document {
  const lines = options.lineCounter ?? new LineCounter();
  const composer = new Composer(options.uniqueKeys !== false);
  const doc = new Document();
  let documents = 0;
  let ended = false;
  for (const token of new Parser(lines.addNewLine).parse(source)) {
    switch (token.type) {
      case 'document':
        if (++documents > 1 || ended) {
          composer.error(
            [token.offset, source.length],
            'MULTIPLE_DOCS',
            'The text holds more than one YAML document (a line `---` or `...` in the middle)',
          );
          break;
        }
        try {
          doc.contents = composer.document(token);
        } catch (error) {
          composer.error(
            token.offset,
            'RESOURCE_EXHAUSTION',
            error instanceof Error ? error.message : String(error),
          );
        }
        break;
      case 'doc-end':
        if (documents === 0) {
          composer.error(
            token,
            'UNEXPECTED_TOKEN',
            'Unexpected doc-end without preceding document',
          );
        }
        ended = true;
        composer.end(token.end, token.offset + token.source.length);
        break;
      case 'byte-order-mark':
      case 'space':
      case 'comment':
      case 'newline':
        break;
      case 'error':
        composer.error(
          token,
          'UNEXPECTED_TOKEN',
          token.source ? `${token.message}: ${JSON.stringify(token.source)}` : token.message,
        );
        break;
      case 'directive':
        composer.error(
          token,
          'UNSUPPORTED',
          'YAML directives (`%YAML`, `%TAG`) are not supported here',
        );
        break;
      default:
        composer.error(token, 'UNEXPECTED_TOKEN', `Unsupported token ${token.type}`);
    }
  }
  for (const error of composer.errors) {
    error.linePos = [lines.linePos(error.pos[0]), lines.linePos(error.pos[1])];
    doc.errors.push(error);
  }
  return doc;
}
