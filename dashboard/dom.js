// Small helpers for building the page. Everything the journal or the state holds (bodies, names,
// paths) is untrusted: it is only ever set as text, never parsed as HTML.

/**
 * Attributes for `h`: `class`, `dataset` (an object), `on…` listeners, true for an empty attribute.
 * @typedef {Record<string, string | number | boolean | null | undefined | EventListener | Record<string, string | number>>} Props
 */
/**
 * A child for `h`: a node, text, a skipped value, or a list of them (the list is its own name, or the
 * checker calls the type circular).
 * @typedef {Node | string | number | false | null | undefined | Children} Child
 * @typedef {Child[]} Children
 */

/**
 * `h('td', { class: 'num', onclick: fn }, 'text', child)`: an element with attributes, listeners
 * (`on…`) and children (strings become text; null, undefined and false are skipped).
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Props} [props]
 * @param {...Child} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(props)) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on') && typeof value === 'function') node.addEventListener(name.slice(2), value);
    else if (name === 'class') node.className = /** @type {string} */ (value);
    else if (name === 'dataset') Object.assign(node.dataset, value);
    else if (value === true) node.setAttribute(name, '');
    else node.setAttribute(name, String(value));
  }
  append(node, children);
  return node;
}

/**
 * @template {ParentNode} N
 * @param {N} node
 * @param {Child[]} children
 */
export function append(node, children) {
  // Flattened as unknown[]: the checker gives up on flattening the nested Child type to any depth.
  for (const child of /** @type {unknown[]} */ (children).flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/**
 * Replaces a node's children.
 * @template {ParentNode} N
 * @param {N} node
 * @param {...Child} children
 */
export function fill(node, ...children) {
  node.replaceChildren();
  return append(node, children);
}

/** @type {WeakMap<HTMLTableSectionElement, string>} */
const shownRows = new WeakMap();

/**
 * A polled table body's rows from `items`, replaced only when what they show changed: a refresh that
 * finds nothing new keeps the keyboard focus (a Disarm or Lift button) and the rows a test holds.
 * @template T
 * @param {HTMLTableSectionElement} body
 * @param {T[]} items
 * @param {(item: T) => Node} rowOf
 */
export function fillRows(body, items, rowOf) {
  const shown = JSON.stringify(items);
  if (shownRows.get(body) === shown) return;
  shownRows.set(body, shown);
  fill(body, items.map(rowOf));
}

/**
 * `10:04:05.123`, in the reader's time zone: the table's time column.
 * @param {string} iso
 */
export function clockTime(iso) {
  const time = new Date(iso);
  /** @param {number} value */
  const pad = (value, width = 2) => String(value).padStart(width, '0');
  return `${pad(time.getHours())}:${pad(time.getMinutes())}:${pad(time.getSeconds())}.${pad(time.getMilliseconds(), 3)}`;
}

/**
 * A labelled form control: `<label>` + control + a slot for the API's message about that field.
 * @param {string} label
 * @param {HTMLElement} control
 * @param {{ name?: string, hint?: string }} [options]
 */
export function field(label, control, { name, hint } = {}) {
  const id = control.id || `field-${(name ?? label).replace(/[^a-z0-9]+/gi, '-').toLowerCase()}-${Math.random().toString(36).slice(2, 7)}`;
  control.id = id;
  const message = h('span', { class: 'field-error', id: `${id}-error`, role: 'alert', dataset: { errorFor: name ?? '' } });
  control.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
  return h('div', { class: 'field', dataset: { field: name ?? '' } }, h('label', { for: id }, label), control, hint ? h('span', { class: 'hint', id: `${id}-hint` }, hint) : null, message);
}

/**
 * Empties the message slot of every field in a form (and the form's own).
 * @param {HTMLFormElement} form
 */
export function clearFieldErrors(form) {
  for (const slot of form.querySelectorAll('.field-error')) slot.textContent = '';
}

/**
 * Shows an admin API refusal next to the field it names (`error.body.field`, as `field()` labelled
 * its slot), or in `fallback` when no field of the form has that name, and puts the focus there.
 * @param {HTMLFormElement} form
 * @param {import('./admin-api.js').AdminFailure} error
 * @param {HTMLElement} fallback
 */
export function showFieldError(form, error, fallback) {
  const slot = form.querySelector(`.field-error[data-error-for="${CSS.escape(error.body?.field ?? 'body')}"]`) ?? fallback;
  slot.textContent = error.message;
  /** @type {HTMLInputElement | HTMLSelectElement | null | undefined} */ (slot.closest('.field')?.querySelector('input, select'))?.focus();
}

/**
 * A number input's value as a number, as typed (the gateway judges it), or undefined when left empty.
 * @param {HTMLInputElement} control
 */
export function numberIn(control) {
  return control.value.trim() === '' ? undefined : Number(control.value);
}

/**
 * A `<select>` of [value, text] pairs.
 * @param {[value: string, text: string][]} options
 * @param {Props} [props]
 */
export function select(options, props = {}) {
  return h('select', props, options.map(([value, text]) => h('option', { value }, text)));
}

/**
 * Status class of an HTTP status, as the filters and the charts name it; `none` when no answer was sent.
 * @param {number | null | undefined} status
 */
export function statusClass(status) {
  return status === null || status === undefined ? 'none' : `${String(status)[0]}xx`;
}

/**
 * A view that re-reads its admin route every `intervalMs` while it is shown: its show/hide pair.
 * @param {() => unknown} refresh
 * @param {number} intervalMs
 */
export function whileShown(refresh, intervalMs) {
  /** @type {number | undefined} */
  let timer;
  return {
    show() {
      refresh();
      timer = setInterval(refresh, intervalMs);
    },
    hide() {
      clearInterval(timer);
    },
  };
}
