// The sidebar is the site's table of contents, built at config time from the content/docs/ tree
// (see src/lib/sidebar/build-sidebar.ts). Each section is a folder, so a page's URL is its path
// there and never depends on its position in the sidebar.
//
// Within a section, the folder's index page comes first, then the pages in their frontmatter
// `sidebar.order` (lowest first), then pages with no order, by path. `sidebar.hidden: true` leaves a
// page out; `sidebar.label` and `sidebar.badge` change its link. A new page therefore appears
// without editing this file; a new folder appears after these sections until it is named here.
// Previous/next links at the foot of each page follow this order.
import { join } from 'node:path';
import { buildSidebar, readDocPages } from './lib/sidebar/build-sidebar.ts';

/**
 * The sections in the order a learner meets them: what the site is, the research it rests on,
 * the platforms (containers, then WebAssembly), how they compare, the plugins that extend them,
 * then the labs and the learning paths that string everything together.
 * @type {import('./lib/sidebar/build-sidebar.ts').SectionSpec[]}
 */
export const SECTIONS = [
  { label: 'Start here', directory: '' },
  { label: 'Research', directory: 'research' },
  { label: 'Containers', directory: 'containers' },
  { label: 'WebAssembly', directory: 'webassembly' },
  { label: 'Comparison', directory: 'comparison' },
  { label: 'Plugins', directory: 'plugins' },
  { label: 'Labs', directory: 'labs' },
  { label: 'Learning paths', directory: 'paths' },
];

/** @type {import('@astrojs/starlight/types').StarlightUserConfig['sidebar']} */
export const sidebar = /** @type {any} */ (buildSidebar(SECTIONS, readDocPages(join(process.cwd(), 'content', 'docs'))));
