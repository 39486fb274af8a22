// Raising an alert: the form keeps a draft on this device and, without network, waits and sends itself when the
// connection comes back. The hidden idempotency key travels with the draft, so a resent alert is not doubled.
(() => {
  const form = document.querySelector('form[data-alert-draft]');
  if (!form) return;
  const context = form.querySelector('input[name="context"]').value;
  const storageKey = `relais-alert-draft:${context}`;
  const message = form.querySelector('[data-offline-message]');
  const fields = () => [...new FormData(form)].filter(([name]) => name !== '_csrf' && name !== 'action');

  const save = (pending) => {
    try {
      localStorage.setItem(storageKey, JSON.stringify({ savedAt: Date.now(), pending, fields: fields() }));
    } catch {
      /* storage full or disabled: the form still works */
    }
  };

  const restore = () => {
    let draft;
    try {
      draft = JSON.parse(localStorage.getItem(storageKey) || 'null');
    } catch {
      draft = null;
    }
    if (!draft || Date.now() - draft.savedAt > 7 * 24 * 3600 * 1000) return undefined;
    const serverKey = form.querySelector('input[name="idempotencyKey"]').value;
    const draftKey = (draft.fields.find(([name]) => name === 'idempotencyKey') || [])[1];
    // A page the server re-rendered (errors, one more person) already carries what was typed.
    if (draftKey && draftKey !== serverKey && !form.querySelector('.fr-alert--error')) {
      for (const element of form.elements) {
        if (!element.name || element.name === '_csrf' || element.name === 'context') continue;
        const values = draft.fields.filter(([name]) => name === element.name).map(([, value]) => value);
        if (element.type === 'checkbox' || element.type === 'radio') element.checked = values.includes(element.value);
        else if (values.length > 0) element.value = values[0];
      }
      if (message) {
        message.hidden = false;
        message.textContent = document.documentElement.lang === 'en' ? 'Draft found on this device.' : 'Brouillon retrouvé sur cet appareil.';
      }
    }
    return draft;
  };

  const offlineText = () =>
    document.documentElement.lang === 'en'
      ? 'No network: the alert is kept on this device and will leave as soon as the connection is back.'
      : 'Pas de réseau : l’alerte est gardée sur cet appareil et partira dès le retour de la connexion.';

  const sendWhenOnline = () => {
    if (message) {
      message.hidden = false;
      message.textContent = offlineText();
    }
    save(true);
    const retry = () => {
      if (!navigator.onLine) return;
      window.removeEventListener('online', retry);
      clearInterval(timer);
      form.submit();
    };
    window.addEventListener('online', retry);
    const timer = setInterval(retry, 10000);
  };

  // Only the field of the chosen kind of place is shown (all three without JavaScript).
  const showPlace = () => {
    const kind = (form.querySelector('input[name="placeKind"]:checked') || {}).value;
    for (const block of form.querySelectorAll('[data-place]')) block.hidden = kind !== undefined && block.getAttribute('data-place') !== kind;
  };
  form.addEventListener('change', (event) => {
    if (event.target.name === 'placeKind') showPlace();
  });

  const draft = restore();
  showPlace();
  form.addEventListener('input', () => save(false));
  form.addEventListener('change', () => save(false));
  form.addEventListener('submit', (event) => {
    if (event.submitter && event.submitter.name === 'action') return; // "one more person" goes to the server as is
    save(true);
    if (!navigator.onLine) {
      event.preventDefault();
      sendWhenOnline();
    }
  });
  if (draft && draft.pending && navigator.onLine) {
    // The last attempt did not reach the server (the page was left offline): send it now, same key.
    save(true);
  }
})();
