// The WASM schema engine leaves a timer running after `migrate deploy` finishes, which keeps
// the process alive ~10 s. Timers never keep our CLI runs alive: unref them all.
const originalSetTimeout = global.setTimeout;
global.setTimeout = function (...args) {
  const timer = originalSetTimeout.apply(this, args);
  if (timer && typeof timer.unref === "function") timer.unref();
  return timer;
};
