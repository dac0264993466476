// The form that arms a fault (POST /__admin/faults). It checks nothing itself: the gateway does, and
// its message is shown next to the field it names (`respond.status`, `probability`…).
import { admin } from './admin-api.js';
import { clearFieldErrors, field, h, numberIn, select, showFieldError } from './dom.js';

/**
 * A fault as this form sends it to POST /__admin/faults: what was filled in, unchecked (the gateway judges it).
 * @typedef {object} FaultRequest
 * @property {string} [dialect]
 * @property {string} [operation]
 * @property {string} [credential]
 * @property {{ status?: number, retryAfter?: number, message?: string }} [respond]
 * @property {string} [fault]
 * @property {number} [delayMs]
 * @property {number} [times]
 * @property {number} [probability]
 * @property {number} [seed]
 */

/** @type {[string, string][]} */
const NETWORK_FAULTS = [
  ['reset', 'reset: the connection is reset (ECONNRESET)'],
  ['empty', 'empty: closed without a byte'],
  ['malformed', 'malformed: a body cut off mid-object'],
];

/** Presets for what clients most need to survive (a vendor's real per-credential limit is the Rate limits form below). */
const PRESETS = [
  { label: 'Rate limited (429, Retry-After 2)', effect: 'respond', status: 429, retryAfter: 2 },
  { label: 'Unavailable (503)', effect: 'respond', status: 503, retryAfter: '' },
  { label: 'Connection reset', effect: 'fault', fault: 'reset' },
];

/** @param {{ routing: Promise<import('./admin-types.js').RoutesReport>, onArmed: (fault: import('./admin-types.js').Fault) => void }} options */
export function faultsForm({ routing, onArmed }) {
  const controls = {
    dialect: select([['', 'any dialect']], { name: 'dialect' }),
    operation: select([['', 'any operation']], { name: 'operation' }),
    credential: h('input', { type: 'text', name: 'credential', autocomplete: 'off', placeholder: 'Bearer sk_test_1' }),
    status: h('input', { type: 'number', name: 'respond.status', value: '429' }),
    retryAfter: h('input', { type: 'number', name: 'respond.retryAfter', placeholder: '1' }),
    message: h('input', { type: 'text', name: 'respond.message', placeholder: "the vendor's wording" }),
    fault: select(NETWORK_FAULTS, { name: 'fault' }),
    delayMs: h('input', { type: 'number', name: 'delayMs', placeholder: '0' }),
    times: h('input', { type: 'number', name: 'times', placeholder: 'until disarmed' }),
    probability: h('input', { type: 'number', name: 'probability', step: 'any', placeholder: '1' }),
    seed: h('input', { type: 'number', name: 'seed', placeholder: 'random' }),
  };
  const effects = [
    ['respond', 'Answer with an error status'],
    ['fault', 'Break the connection'],
    ['delay', 'Only delay the real answer'],
  ].map(([value, text]) => h('label', { class: 'choice' }, h('input', { type: 'radio', name: 'effect', value, checked: value === 'respond' }), ` ${text}`));
  const effectError = h('span', { class: 'field-error', role: 'alert', dataset: { errorFor: 'respond' } });
  const formError = h('p', { class: 'field-error', role: 'alert', dataset: { errorFor: 'body' } });
  const respondFields = h('div', { class: 'field-row' }, field('Status', controls.status, { name: 'respond.status' }), field('Retry-After (s)', controls.retryAfter, { name: 'respond.retryAfter' }), field('Message', controls.message, { name: 'respond.message' }));
  const faultFields = h('div', { class: 'field-row' }, field('Network fault', controls.fault, { name: 'fault' }));

  // Its radio buttons share the name `effect`: `form.elements.effect` is their RadioNodeList.
  const form = /** @type {HTMLFormElement & { elements: { effect: RadioNodeList } }} */ (h(
    'form',
    { class: 'fault-form', 'aria-label': 'Arm a fault', novalidate: true, onsubmit: arm },
    h('div', { class: 'field-row' }, field('Dialect', controls.dialect, { name: 'dialect' }), field('Operation', controls.operation, { name: 'operation' }), field('Tenant (Authorization value)', controls.credential, { name: 'credential', hint: 'optional; kept only as a fingerprint' })),
    h('fieldset', { class: 'effects', dataset: { field: 'respond' } }, h('legend', {}, 'Effect'), effects, effectError),
    respondFields,
    faultFields,
    h('div', { class: 'field-row' }, field('Delay (ms)', controls.delayMs, { name: 'delayMs' }), field('Times', controls.times, { name: 'times' }), field('Probability (0–1)', controls.probability, { name: 'probability' }), field('Seed', controls.seed, { name: 'seed' })),
    h('div', { class: 'toolbar-actions' }, h('button', { type: 'submit' }, 'Arm fault'), PRESETS.map((preset) => h('button', { type: 'button', class: 'secondary', onclick: () => applyPreset(preset) }, preset.label))),
    formError,
  ));

  const effect = () => form.elements.effect.value;
  const showEffectFields = () => {
    respondFields.hidden = effect() !== 'respond';
    faultFields.hidden = effect() !== 'fault';
  };
  form.addEventListener('change', (event) => {
    if (/** @type {HTMLInputElement | HTMLSelectElement} */ (event.target).name === 'effect') showEffectFields();
  });
  showEffectFields();

  /** @type {Map<string, string[]>} */
  let operationsByDialect = new Map();
  routing.then((served) => {
    operationsByDialect = new Map(served.dialects.map((route) => [route.dialect, route.operations.map((operation) => operation.operation)]));
    controls.dialect.append(...served.dialects.map((route) => h('option', { value: route.dialect }, route.dialect)));
    listOperations();
  });
  controls.dialect.addEventListener('change', listOperations);

  function listOperations() {
    const dialect = controls.dialect.value;
    const operations = dialect ? operationsByDialect.get(dialect) ?? [] : [...new Set([...operationsByDialect.values()].flat())].sort();
    controls.operation.replaceChildren(h('option', { value: '' }, 'any operation'), ...operations.map((operation) => h('option', { value: operation }, operation)));
  }

  /** @param {(typeof PRESETS)[number]} preset */
  function applyPreset(preset) {
    form.elements.effect.value = preset.effect;
    if (preset.status !== undefined) controls.status.value = String(preset.status);
    if (preset.retryAfter !== undefined) controls.retryAfter.value = String(preset.retryAfter);
    if (preset.fault !== undefined) controls.fault.value = preset.fault;
    showEffectFields();
  }

  /** @param {Event} event */
  async function arm(event) {
    event.preventDefault();
    clearFieldErrors(form);
    try {
      /** @type {import('./admin-types.js').Fault} */
      const armed = await admin('faults', { method: 'POST', body: definition() });
      onArmed(armed);
    } catch (error) {
      showFieldError(form, /** @type {import('./admin-api.js').AdminFailure} */ (error), formError);
    }
  }

  /**
   * The fault as the admin route takes it: only what was filled in; numbers as numbers, as typed.
   * @returns {FaultRequest}
   */
  function definition() {
    /** @param {HTMLInputElement | HTMLSelectElement} control */
    const text = (control) => (control.value.trim() === '' ? undefined : control.value.trim());
    /** @type {FaultRequest} */
    const fault = { dialect: text(controls.dialect), operation: text(controls.operation), credential: text(controls.credential) };
    if (effect() === 'respond') fault.respond = { status: numberIn(controls.status), retryAfter: numberIn(controls.retryAfter), message: text(controls.message) };
    if (effect() === 'fault') fault.fault = controls.fault.value;
    Object.assign(fault, { delayMs: numberIn(controls.delayMs), times: numberIn(controls.times), probability: numberIn(controls.probability), seed: numberIn(controls.seed) });
    return JSON.parse(JSON.stringify(fault)); // drops what was left empty
  }

  return form;
}
