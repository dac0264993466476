// One confirmation for everything that cannot be undone (a reset, forgetting the journal): a modal
// <dialog>, so focus stays inside it, Escape cancels, and Cancel is the default button.

const dialog = /** @type {HTMLDialogElement} */ (document.getElementById('confirm'));
const title = /** @type {HTMLElement} */ (document.getElementById('confirm-title'));
const text = /** @type {HTMLElement} */ (document.getElementById('confirm-text'));
const yes = /** @type {HTMLButtonElement} */ (document.getElementById('confirm-yes'));

/**
 * Resolves true only when the reader pressed the confirming button.
 * @param {{ heading: string, message: string, action: string }} question
 * @returns {Promise<boolean>}
 */
export function confirmAction({ heading, message, action }) {
  title.textContent = heading;
  text.textContent = message;
  yes.textContent = action;
  return new Promise((resolve) => {
    dialog.addEventListener('close', () => resolve(dialog.returnValue === 'confirm'), { once: true });
    dialog.returnValue = 'cancel';
    dialog.showModal();
  });
}
