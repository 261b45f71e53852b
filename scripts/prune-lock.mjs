// The registry reachable here serves only this platform's builds of packages such as
// @biomejs/cli-* and @tailwindcss/oxide-*, so `npm install` records optional dependencies that
// have no entry in package-lock.json, and `npm ci` then refuses the lock as out of sync.
// This drops those dangling optional edges. Run it after every `npm install`:
//   npm install <pkg> && node scripts/prune-lock.mjs
import fs from "node:fs";

const file = new URL("../package-lock.json", import.meta.url);
const lock = JSON.parse(fs.readFileSync(file, "utf8"));
const has = (from, name) => {
  // Node resolution: look in nested node_modules first, then up to the root.
  let dir = from;
  for (;;) {
    if (lock.packages[`${dir ? `${dir}/` : ""}node_modules/${name}`]) return true;
    if (!dir) return false;
    const i = dir.lastIndexOf("/node_modules/");
    dir = i < 0 ? "" : dir.slice(0, i);
  }
};
let pruned = 0;
for (const [path, pkg] of Object.entries(lock.packages)) {
  for (const name of Object.keys(pkg.optionalDependencies ?? {})) {
    if (!has(path, name)) {
      delete pkg.optionalDependencies[name];
      pruned++;
    }
  }
  if (pkg.optionalDependencies && Object.keys(pkg.optionalDependencies).length === 0) delete pkg.optionalDependencies;
}
fs.writeFileSync(file, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`prune-lock: removed ${pruned} optional dependencies this registry does not serve`);
