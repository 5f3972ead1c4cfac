// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { linkCheck } from './src/integrations/link-check.ts';
import { dataLinkCheck } from './src/integrations/data-link-check.ts';
import { sidebar } from './src/sidebar.mjs';

// The canonical origin used for the sitemap and <link rel="canonical">. Deployments override it with SITE_URL.
const site = process.env.SITE_URL ?? 'https://wasm-observability-labs.dev';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  integrations: [
    starlight({
      title: 'Wasm Observability Labs',
      description:
        'Containers, WebAssembly runtimes and observability, with labs that run real WebAssembly in your browser.',
      logo: { src: './src/assets/logo.svg', alt: 'Wasm Observability Labs' },
      lastUpdated: false,
      pagination: true,
      customCss: ['./src/styles/site.css'],
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      sidebar,
      components: {
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
      },
      expressiveCode: {
        themes: ['github-dark', 'github-light'],
        defaultProps: { wrap: false },
      },
    }),
    // After Starlight, so they run once the pages and the search index are written.
    dataLinkCheck(),
    linkCheck(),
  ],
  vite: {
    // ES module workers (LabFrame starts its worker with type: 'module'), so that each lab's driver,
    // imported on demand in worker/drivers/index.ts, is its own chunk: a page loads only its lab's.
    worker: { format: 'es' },
  },
});
