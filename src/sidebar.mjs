// The sidebar is the site's table of contents. Each section is a folder under content/docs/,
// so a page's URL is its path there and never depends on its position in the sidebar.
const section = (label, directory) => ({ label, items: [{ autogenerate: { directory } }] });

/** @type {import('@astrojs/starlight/types').StarlightUserConfig['sidebar']} */
export const sidebar = [
  { label: 'Start here', items: [{ label: 'About this site', slug: 'start' }] },
  section('Research', 'research'),
  section('Containers', 'containers'),
  section('WebAssembly', 'webassembly'),
  section('Comparison', 'comparison'),
  section('Plugins', 'plugins'),
  section('Labs', 'labs'),
  section('Learning paths', 'paths'),
];
