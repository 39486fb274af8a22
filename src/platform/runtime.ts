/** Same check as scripts/check-node.mjs, for `node_modules/.bin/node src/server.ts` started without npm. */
export function assertNode24(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major !== 24) {
    console.error(`Relais demande Node 24 (trouvé ${process.versions.node}) : lancez « npm ci » puis « npm start ».`);
    process.exit(1);
  }
}
