// This registry lacks some platform packages of next and tailwind, so `npm install` leaves them
// out of package-lock.json and `npm ci` then rejects the lock. Add an optional entry for each
// missing optional dependency (re-run after upgrading next or tailwind). See ../shared/STACK.md.
import fs from "node:fs";

const PLATFORM = {
  "darwin-arm64": ["darwin", "arm64"], "darwin-x64": ["darwin", "x64"],
  "win32-arm64-msvc": ["win32", "arm64"], "win32-x64-msvc": ["win32", "x64"],
  "android-arm64": ["android", "arm64"], "freebsd-x64": ["freebsd", "x64"],
  "linux-arm-gnueabihf": ["linux", "arm"], "wasm32-wasi": [null, "wasm32"],
};

const lock = JSON.parse(fs.readFileSync("package-lock.json", "utf8"));
let added = 0;
for (const [key, pkg] of Object.entries(lock.packages)) {
  for (const [dep, version] of Object.entries(pkg.optionalDependencies ?? {})) {
    const path = `node_modules/${dep}`;
    if (lock.packages[path]) continue;
    const suffix = Object.keys(PLATFORM).find((s) => dep.endsWith(s));
    if (!suffix) continue;
    const [os, cpu] = PLATFORM[suffix];
    lock.packages[path] = { version, optional: true, ...(os ? { os: [os] } : {}), cpu: [cpu] };
    added++;
    void key;
  }
}
fs.writeFileSync("package-lock.json", `${JSON.stringify(lock, null, 2)}\n`);
console.log(`added ${added} optional platform entries`);
