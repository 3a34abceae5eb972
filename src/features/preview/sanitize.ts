import createDOMPurify from 'dompurify';
import type { Config, DOMPurify } from 'dompurify';

/**
 * DOMPurify, configured for the preview: http(s), mailto, relative and fragment URLs only; no
 * scripts, event handlers, frames, forms or styles; links open in a new tab without an opener.
 */

/** Deeper elements are replaced by a visible notice (DOMPurify 3.1–3.3 dropped them silently). */
export const MAX_NESTING_DEPTH = 255;

export const NESTING_NOTICE = `Preview truncated here: the content is nested more than ${MAX_NESTING_DEPTH} levels deep.`;

// DOMPurify's default also allows tel:, sms:, callto:, cid:, xmpp: and matrix:.
const ALLOWED_URI = /^(?:(?:https?|mailto):|[^a-z]|[a-z+.-]+(?:[^a-z+.\-:]|$))/i;
// eslint-disable-next-line no-control-regex -- the same compaction DOMPurify applies before testing a URL.
const URI_NOISE = /[\u0000-\u0020\u00A0\u1680\u180E\u2000-\u2029\u205F\u3000]/g;

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  USE_PROFILES: { html: true, svg: true }, // svg: the alert icons; no MathML
  ALLOWED_URI_REGEXP: ALLOWED_URI,
  FORBID_TAGS: [
    'style',
    'form',
    'button',
    'select',
    'option',
    'optgroup',
    'textarea',
    'fieldset',
    'dialog',
    'template',
    'slot',
    'iframe',
    'frame',
    'frameset',
    'object',
    'embed',
    'map',
    'area',
    'link',
    'meta',
    'base',
    'foreignObject',
  ],
  FORBID_ATTR: ['style', 'srcset', 'formaction', 'action', 'target', 'ping'],
  RETURN_DOM_FRAGMENT: true,
  // Parsed as the content of the preview's element (in the body), wherever it starts: a section
  // sanitized on its own then parses as it does within the whole document (leading whitespace,
  // comments and stray end tags are not moved or dropped as at a document's start).
  FORCE_BODY: true,
};

const URL_ATTRIBUTES = new Set(['href', 'src', 'xlink:href', 'action', 'poster', 'background']);

/**
 * Attributes that make the browser fetch a remote resource (an image, a video's poster) as the
 * preview is shown. Their remote URLs are moved to `data-remote-<name>`, so a shared or
 * imported document cannot tell a third-party server who reads it; the preview puts them back
 * once the author allows remote images (`showRemoteImages`).
 */
export const REMOTE_LOAD_ATTRIBUTES = ['src', 'poster'] as const;
const REMOTE_URL = /^(?:https?:)?\/\//i;

function isRemote(value: string): boolean {
  return REMOTE_URL.test(value.replace(URI_NOISE, ''));
}

/** The elements in `root` whose remote resources are held back. */
export function blockedRemoteElements(root: ParentNode): Element[] {
  return Array.from(
    root.querySelectorAll(REMOTE_LOAD_ATTRIBUTES.map((a) => `[data-remote-${a}]`).join(',')),
  );
}

/** Lets the held-back remote resources in `root` load. */
export function showRemoteImages(root: ParentNode): void {
  for (const element of blockedRemoteElements(root)) {
    for (const attr of REMOTE_LOAD_ATTRIBUTES) {
      const url = element.getAttribute(`data-remote-${attr}`);
      if (url === null) continue;
      element.setAttribute(attr, url);
      element.removeAttribute(`data-remote-${attr}`);
    }
  }
}

let purifier: DOMPurify | undefined;

function getPurifier(): DOMPurify {
  if (purifier) return purifier;
  if (typeof window === 'undefined') {
    throw new Error('Sanitizing needs a DOM: run in a browser or set globalThis.window (jsdom).');
  }
  const instance = createDOMPurify(window);
  instance.addHook('uponSanitizeAttribute', (_node, event) => {
    // DOMPurify lets data: URIs through on img/video/audio; the preview allows none.
    if (
      URL_ATTRIBUTES.has(event.attrName) &&
      event.attrValue.replace(URI_NOISE, '').toLowerCase().startsWith('data:')
    ) {
      event.keepAttr = false;
    }
  });
  instance.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeType !== 1) return;
    const element = node;
    const name = element.localName;
    if (name !== 'a') holdBackRemote(element);
    if (name === 'a') {
      if (element.hasAttribute('href') || element.hasAttribute('xlink:href')) {
        element.setAttribute('target', '_blank');
        element.setAttribute('rel', 'noopener noreferrer');
      } else {
        // javascript: and other refused URLs leave a dead link with its text.
        element.removeAttribute('rel');
      }
    } else if (name === 'input') {
      // Task list boxes are the only inputs: always read-only checkboxes.
      element.setAttribute('type', 'checkbox');
      element.setAttribute('disabled', '');
      element.removeAttribute('name');
      element.removeAttribute('value');
      // A form control needs a name; the item's text follows it.
      element.setAttribute('aria-label', element.hasAttribute('checked') ? 'Done' : 'Not done');
    }
  });
  // Set once: a configuration passed to each call is parsed again (its tag and attribute sets
  // rebuilt) every time, which costs more than sanitizing a paragraph.
  instance.setConfig(CONFIG);
  purifier = instance;
  return instance;
}

function holdBackRemote(element: Element): void {
  for (const attr of REMOTE_LOAD_ATTRIBUTES) {
    const value = element.getAttribute(attr);
    if (value !== null && isRemote(value)) {
      element.setAttribute(`data-remote-${attr}`, value);
      element.removeAttribute(attr);
    }
  }
  // An SVG image or use pointing elsewhere: not shown (the Markdown keeps it).
  for (const attr of ['href', 'xlink:href', 'background']) {
    const value = element.getAttribute(attr);
    if (value !== null && isRemote(value)) element.removeAttribute(attr);
  }
}

function fragmentClass(): typeof DocumentFragment {
  return window.DocumentFragment;
}

function replaceTooDeep(root: DocumentFragment): void {
  const doc = root.ownerDocument;
  const stack: [Element, number][] = [];
  for (const child of Array.from(root.children)) stack.push([child, 1]);
  for (let item = stack.pop(); item; item = stack.pop()) {
    const [element, depth] = item;
    if (depth > MAX_NESTING_DEPTH) {
      const notice = doc.createElement('p');
      notice.className = 'preview-notice';
      notice.setAttribute('role', 'note');
      notice.textContent = NESTING_NOTICE;
      element.replaceWith(notice);
      continue;
    }
    for (const child of Array.from(element.children)) stack.push([child, depth + 1]);
  }
}

/** Sanitized HTML for `html`, with over-deep nesting replaced by a visible notice. */
export function sanitizeHtml(html: string): string {
  if (html === '') return '';
  // The configuration set in getPurifier (RETURN_DOM_FRAGMENT) makes this a fragment.
  const fragment: unknown = getPurifier().sanitize(html);
  if (!(fragment instanceof fragmentClass())) throw new Error('The sanitizer gave no fragment.');
  replaceTooDeep(fragment);
  const container = fragment.ownerDocument.createElement('div');
  container.append(fragment);
  return container.innerHTML;
}

const PROBE_ID = 'preview-parser-state-probe';

/**
 * Whether HTML parsing of `html` ends in the state it started in: no element left open, no
 * formatting element waiting to be reconstructed. Only then can the HTML that follows it be
 * parsed (and sanitized) on its own with the same result as in the whole document.
 */
export function leavesParserClean(html: string): boolean {
  const parser = new window.DOMParser();
  const doc = parser.parseFromString(`${html}<p id="${PROBE_ID}">probe</p>`, 'text/html');
  const probe = doc.body.lastElementChild;
  return (
    probe !== null &&
    doc.body.lastChild === probe &&
    probe.id === PROBE_ID &&
    probe.childNodes.length === 1 &&
    probe.firstChild?.nodeType === 3
  );
}
