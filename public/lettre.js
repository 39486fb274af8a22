// The send's progress bar: refreshed every second from /pro/lettre/:id/progression until the edition is sent.
(() => {
  const bar = document.getElementById('lettre-progress');
  const text = document.getElementById('lettre-progress-text');
  if (!bar || !text) return;
  const template = text.dataset.template;
  const tick = () =>
    fetch(bar.dataset.source, { headers: { accept: 'application/json' }, credentials: 'same-origin' })
      .then((response) => (response.ok ? response.json() : null))
      .then((p) => {
        if (!p) return;
        bar.max = p.total;
        bar.value = p.sent + p.failed + p.bounced;
        bar.textContent = `${bar.value} / ${p.total}`;
        if (template) text.textContent = template.replace(/\{\{(\w+)\}\}/g, (_, key) => String(p[key] ?? ''));
        if (p.status === 'sending') setTimeout(tick, 1000);
        else if (bar.dataset.status === 'sending') window.location.reload(); // the final state, server-rendered
      })
      .catch(() => setTimeout(tick, 5000));
  setTimeout(tick, 1000);
})();
