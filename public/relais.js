// Relais — small enhancements; every page works without this file.
(() => {
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
