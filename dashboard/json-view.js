// A JSON body, pretty-printed as text nodes, with the parts an exchange's findings are about
// highlighted: a contract finding's JSON Pointer, and every key named as a lost field.
import { h } from './dom.js';

/**
 * `body`: a journal body view (`{ json }`, or `{ text, truncated }`, or null).
 * `pointers`: JSON Pointers to highlight as findings; `keys`: property names to highlight as lost.
 * @param {import('./admin-types.js').BodyView | null | undefined} body
 * @param {{ pointers?: string[], keys?: string[] }} [highlights]
 */
export function bodyView(body, { pointers = [], keys = [] } = {}) {
  if (body === null || body === undefined) return h('p', { class: 'muted' }, 'No body recorded (none was sent, or the gateway answered before reading it).');
  const size = h('p', { class: 'muted' }, `${body.bytes} bytes${body.truncated ? ', cut to the first 16 KiB' : ''}`);
  if (!('json' in body)) return h('div', {}, size, h('pre', { class: 'json' }, body.text));
  const context = { pointers: new Set(pointers), keys: new Set(keys) };
  const pre = h('pre', { class: 'json' });
  writeValue(pre, body.json, '', 0, context);
  return h('div', {}, size, pre);
}

/**
 * What to highlight, as `bodyView` was given it.
 * @typedef {{ pointers: Set<string>, keys: Set<string> }} Highlights
 */

/**
 * @param {HTMLElement} out
 * @param {unknown} value
 * @param {string} pointer
 * @param {number} depth
 * @param {Highlights} context
 */
function writeValue(out, value, pointer, depth, context) {
  const mark = context.pointers.has(pointer) ? h('mark', { class: 'finding', title: `contract finding at ${pointer || '/'}` }) : null;
  const target = mark ?? out;
  if (mark) out.append(mark);
  if (Array.isArray(value)) writeList(target, value, pointer, depth, context);
  else if (value !== null && typeof value === 'object') writeObject(target, value, pointer, depth, context);
  else target.append(h('span', { class: `json-${value === null ? 'null' : typeof value}` }, JSON.stringify(value)));
}

/**
 * @param {HTMLElement} out
 * @param {object} object
 * @param {string} pointer
 * @param {number} depth
 * @param {Highlights} context
 */
function writeObject(out, object, pointer, depth, context) {
  const entries = Object.entries(object);
  if (entries.length === 0) return out.append('{}');
  out.append('{\n');
  entries.forEach(([key, value], index) => {
    out.append(indent(depth + 1));
    const name = h('span', { class: 'json-key' }, JSON.stringify(key));
    out.append(context.keys.has(key) ? h('mark', { class: 'lost', title: `${key}: lost in translation` }, name) : name, ': ');
    writeValue(out, value, `${pointer}/${escapePointer(key)}`, depth + 1, context);
    out.append(index < entries.length - 1 ? ',\n' : '\n');
  });
  out.append(`${indent(depth)}}`);
}

/**
 * @param {HTMLElement} out
 * @param {unknown[]} list
 * @param {string} pointer
 * @param {number} depth
 * @param {Highlights} context
 */
function writeList(out, list, pointer, depth, context) {
  if (list.length === 0) return out.append('[]');
  out.append('[\n');
  list.forEach((value, index) => {
    out.append(indent(depth + 1));
    writeValue(out, value, `${pointer}/${index}`, depth + 1, context);
    out.append(index < list.length - 1 ? ',\n' : '\n');
  });
  out.append(`${indent(depth)}]`);
}

/** @param {number} depth */
const indent = (depth) => '  '.repeat(depth);
/** @param {string} key */
const escapePointer = (key) => key.replace(/~/g, '~0').replace(/\//g, '~1');
