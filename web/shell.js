// The page around the canvas: the loading indicator, the messages for problems the canvas
// cannot show itself (no WebGL 2, a lost WebGL context, a failed start) and the service
// worker. It knows the client only through DOM events the client dispatches on window:
//   'pathways:first-frame'  the first frame is on screen
//   'pathways:fatal'        the client cannot run; event.detail is a sentence for a person
'use strict';

(function () {
  const loading = document.getElementById('loading');
  const problem = document.getElementById('problem');
  const problemText = document.getElementById('problem-text');
  const canvas = document.getElementById('canvas');

  function showProblem(message) {
    loading.hidden = true;
    problemText.textContent = message;
    problem.hidden = false;
    document.getElementById('problem-reload').focus();
  }

  document.getElementById('problem-reload').addEventListener('click', () => location.reload());
  window.addEventListener('pathways:first-frame', () => { loading.hidden = true; });
  window.addEventListener('pathways:fatal', (event) => showProblem(event.detail));
  // An error escaping the client's code leaves it half-way through a frame or a reply: say
  // so instead of showing a screen that no longer answers. Saved work is in the store.
  window.addEventListener('error', (event) => {
    if (!event.filename || !/\/app\.js(\?|$)/.test(event.filename)) return;
    showProblem('Pathways stopped after an unexpected error. Your saved work is safe; reload to continue.');
  });

  // The client stops drawing when the GPU drops its context (driver reset, too many tabs).
  // Rebuilding every GL object is not worth it: what matters is saved, so offer a reload.
  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault();
    showProblem('The graphics context was lost (the browser or GPU reset it). '
      + 'Your saved work is safe; reload to continue.');
  });

  // Creating a WebGL context takes a while (long with a software renderer). Asked for now,
  // it is ready when the client asks for it with the same attributes (platform_web.cpp) and
  // gets this one back, instead of waiting for it after app.wasm has loaded.
  try {
    canvas.getContext('webgl2', { alpha: false, antialias: false, depth: false, stencil: false,
      powerPreference: 'low-power' });
  } catch (error) { /* the client reports a missing WebGL 2 itself */ }

  // Right-clicks belong to the app (context menus), not the browser.
  canvas.addEventListener('contextmenu', (event) => event.preventDefault());

  // The service worker makes the app open offline after the first visit. Browsers allow it
  // only on https and localhost; elsewhere the app still works, online only.
  if ('serviceWorker' in navigator && window.isSecureContext) {
    window.addEventListener('load', () => {
      navigator.serviceWorker.register('sw.js')
        .catch((error) => console.warn('Pathways: service worker not registered:', error));
    });
  }
})();
