// Relais runs on Node 24 LTS, brought by the `node` npm dependency. After `npm ci --ignore-scripts` npm scripts
// silently fall back to the system Node: stop here with a clear message instead.
const major = Number(process.versions.node.split('.')[0]);
if (major !== 24) {
  console.error(
    `Relais demande Node 24 (trouvé ${process.versions.node}). Lancez « npm ci » (sans --ignore-scripts) : ` +
      'le paquet npm « node » installe Node 24 dans node_modules/.bin, que npm start et npm test utilisent.',
  );
  process.exit(1);
}
