// Fails at once, with one line, on a Node.js older than the project needs. Kept to syntax that
// old Node versions parse, so that they reach the message instead of a syntax error.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(
    'This project needs Node.js 22.12 or newer (found ' + process.version + '): install Node 22 (see .nvmrc, e.g. `nvm install`), then run the command again.',
  );
  process.exit(1);
}
