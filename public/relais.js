// Relais — small enhancements; every page works without this file.
(() => {
  // Long help blocks fold on a phone so that the form comes first.
  if (window.matchMedia('(max-width: 61.99em)').matches) {
    for (const details of document.querySelectorAll('details[data-fold-narrow]')) details.open = false;
  }

  // After an alert is sent, its drafts on this device have served.
  if (document.querySelector('[data-clear-drafts]')) {
    try {
      for (const key of Object.keys(localStorage)) if (key.startsWith('relais-alert-draft:')) localStorage.removeItem(key);
    } catch {
      /* storage disabled */
    }
  }

  // "Quitter rapidement": leave for a neutral site and replace the current history entry, so the back button
  // does not return here. Escape does the same on public pages.
  const exitLink = document.querySelector('[data-quick-exit]');
  if (exitLink) {
    const leave = (event) => {
      if (event) event.preventDefault();
      try {
        window.sessionStorage.clear();
      } catch {
        /* storage may be disabled */
      }
      window.location.replace(exitLink.getAttribute('href'));
    };
    exitLink.addEventListener('click', leave);
    document.addEventListener('keydown', (event) => {
      if (event.key === 'Escape' && !event.defaultPrevented && !document.querySelector('.fr-modal--opened')) leave(event);
    });
  }
})();
