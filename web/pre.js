// Start-up of the WebAssembly module (linked in front of app.js with --pre-js): which canvas
// it draws on, and the persistent store. main() runs only once the store is loaded, so the
// client reads its saved session and pending ops synchronously from the first frame.
//
// The store is IDBFS mounted at /store (keep in step with shell/storage_web.cpp). Writes go
// file by file straight to IndexedDB (storage_web.cpp), never through a whole-tree
// FS.syncfs(false): a second tab's stale copy of the tree would delete the first tab's files.

Module['canvas'] = document.getElementById('canvas');

// The store is read in preRun: IDBFS writes what it reads into the in-memory file system,
// which needs the wasm memory, and that exists only once app.wasm is instantiated. Opening
// the database is the slow part of a first read, so preInit (as soon as app.js has been
// evaluated) opens it while app.wasm downloads and compiles; IDBFS keeps the connection.
Module['preInit'] = Module['preInit'] || [];
Module['preInit'].push(function () {
  try {
    IDBFS.getDB('/store', function () {});
  } catch (error) { /* preRun reports a store that cannot be opened */ }
});

Module['preRun'] = Module['preRun'] || [];
Module['preRun'].push(function () {
  performance.mark('pathways:wasm-ready');
  FS.mkdir('/store');
  FS.mount(IDBFS, {}, '/store');
  addRunDependency('pathways-store');
  var loaded = false;
  function start(problem) {
    if (loaded) return;
    loaded = true;
    // Private windows and blocked storage still run the app, with a store that lasts a visit.
    if (problem) console.warn('Pathways: saved data could not be loaded:', problem);
    // A store that could not be read is never written (storage_web.cpp): this visit's data
    // would replace what it holds, perhaps changes not yet sent.
    Module['pathwaysStoreReadable'] = !problem;
    performance.mark('pathways:store-loaded');
    removeRunDependency('pathways-store');
  }
  FS.syncfs(true, start);
  // IndexedDB can stall (another tab blocking an upgrade); never let that keep the app from starting.
  setTimeout(function () { start('IndexedDB did not answer within 5 s'); }, 5000);
});

Module['onAbort'] = function (what) {
  window.dispatchEvent(new CustomEvent('pathways:fatal', {
    detail: 'Pathways could not start (' + what + '). Reload to try again.',
  }));
};
