// What the calculator page says when it cannot start: a module of its script
// did not arrive, or the core would not compile or run. The words are in the
// page (#load-problem); "Try again" reloads it, keeping the choices made
// meanwhile.
//
// This module is also the page's second script, run after app.mjs (a page's
// scripts run in order). app.mjs imports it, so when app.mjs runs this module
// has already run as part of it, and marks the page as started before the check
// below; when a module of app.mjs's graph does not arrive, app.mjs never runs,
// and this script, run on its own, finds the page not started.
queueMicrotask(() => {
  if (document.body.dataset.calculator !== 'started') showLoadProblem();
});

const $ = (id) => document.getElementById(id);

/** The link's text: the fragment, or an old-style query (read once, then moved into the fragment). */
export const linkText = () => location.hash.slice(1) || location.search.slice(1);

let shown = false;

export function showLoadProblem() {
  if (shown) return;
  shown = true;
  $('load-problem').hidden = false;
  $('results-status').textContent = 'The results cannot be worked out until the calculator has loaded.';
  $('load-retry').addEventListener('click', () => {
    // Keep what was chosen across the reload: the link as it was, with the
    // choices made on the page laid over it; what was typed stays in the tab.
    const link = new URLSearchParams(linkText());
    for (const radio of document.querySelectorAll('#ratings-form input[type=radio]:checked')) link.set(radio.name, radio.value);
    history.replaceState(null, '', `${location.pathname}#${link}`);
    location.reload();
  });
}
