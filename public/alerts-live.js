// Duty-desk list: follows the alerts stream (Server-Sent Events) and refreshes the list in place, announcing
// each change to screen readers. Without JavaScript the page is the same list, refreshed by reloading.
(() => {
  const container = document.querySelector('[data-live-list]');
  if (!container || !window.EventSource) return;
  const announce = document.querySelector('[data-live-announce]');
  const english = document.documentElement.lang === 'en';
  let refreshing = false;
  let again = false;
  const refresh = async () => {
    if (refreshing) {
      again = true;
      return;
    }
    refreshing = true;
    try {
      const response = await fetch(container.getAttribute('data-live-list'), { credentials: 'same-origin', headers: { accept: 'text/html' } });
      if (response.ok) container.innerHTML = await response.text();
    } finally {
      refreshing = false;
      if (again) {
        again = false;
        refresh();
      }
    }
  };
  const source = new EventSource('/api/v1/alerts/stream');
  source.addEventListener('alert', (event) => {
    const data = JSON.parse(event.data);
    if (announce) announce.textContent = english ? `Alert ${data.reference}: ${data.kind}` : `Alerte ${data.reference} : ${data.kind}`;
    refresh();
  });
})();
