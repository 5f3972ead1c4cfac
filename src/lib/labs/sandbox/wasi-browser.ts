// preview2-shim's browser implementations, imported by file so that Node (whose package
// conditions would pick the Node.js build) and the page's Worker load the very same code.
export * as io from '../../../../node_modules/@bytecodealliance/preview2-shim/dist/browser/io.js';
export * as filesystem from '../../../../node_modules/@bytecodealliance/preview2-shim/dist/browser/filesystem.js';
export * as cli from '../../../../node_modules/@bytecodealliance/preview2-shim/dist/browser/cli.js';
export * as sockets from '../../../../node_modules/@bytecodealliance/preview2-shim/dist/browser/sockets.js';
export * as clocks from '../../../../node_modules/@bytecodealliance/preview2-shim/dist/browser/clocks.js';
export { UNWRAP_DESCRIPTOR } from '../../../../node_modules/@bytecodealliance/preview2-shim/dist/browser/in-memory-filesystem.js';
