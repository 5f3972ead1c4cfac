// @ts-check
import { defineConfig } from 'astro/config';
import starlight from '@astrojs/starlight';
import { linkCheck } from './src/integrations/link-check.ts';
import { dataLinkCheck } from './src/integrations/data-link-check.ts';
import { sidebar } from './src/sidebar.mjs';
import { markdownAccessibility } from './src/integrations/markdown-accessibility.ts';

// The canonical origin used for the sitemap and <link rel="canonical">. Deployments override it with SITE_URL.
const site = process.env.SITE_URL ?? 'https://wasm-observability-labs.dev';

export default defineConfig({
  site,
  trailingSlash: 'ignore',
  vite: {
    // ES module workers (LabFrame starts its worker with type: 'module'), so that each lab's driver,
    // imported on demand in worker/drivers/index.ts, is its own chunk: a page loads only its lab's.
    worker: {
      format: 'es',
      rollupOptions: {
        // Two packages the attack lab loads only for a learner's own module (jco-transpile,
        // binaryen) import Node built-ins dynamically, behind their own checks for Node; in a
        // worker those branches never run. Declared external here, so they stay as they are
        // without the bundler's notice about externalising them.
        external: ['node:fs/promises', 'node:module'],
      },
    },
    build: {
      rollupOptions: {
        onwarn(warning, warn) {
          // Every MDX page carries Astro's "use astro:head-inject" marker, which the bundler reports
          // as a module-level directive it may not preserve. Astro reads the marker before bundling,
          // so nothing is lost; upstream: https://github.com/withastro/astro/issues/18087
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('astro:head-inject')) return;
          // jco-transpile's vendored bindgen (the attack lab's worker, for a learner's component) starts
          // with a "use components" marker, meaningful to no bundler or engine; dropping it changes nothing.
          if (warning.code === 'MODULE_LEVEL_DIRECTIVE' && warning.message.includes('use components')) return;
          warn(warning);
        },
      },
    },
  },
  integrations: [
    starlight({
      title: 'Wasm Observability Labs',
      description:
        'Containers, WebAssembly runtimes and observability, with labs that run real WebAssembly in your browser.',
      // No alt text: the site title is printed beside the logo, and an alt repeating it is read twice
      // (axe image-redundant-alt). Starlight needs `alt` only with `replacesTitle`.
      logo: { src: './src/assets/logo.svg' },
      lastUpdated: false,
      pagination: true,
      // src/pages/404.astro replaces the built-in page (see the comment there).
      disable404Route: true,
      customCss: ['./src/styles/site.css'],
      tableOfContents: { minHeadingLevel: 2, maxHeadingLevel: 3 },
      sidebar,
      routeMiddleware: ['./src/route-data/learning-path-toc.ts'],
      components: {
        MarkdownContent: './src/components/overrides/MarkdownContent.astro',
      },
      expressiveCode: {
        themes: ['github-dark', 'github-light'],
        defaultProps: { wrap: false },
      },
    }),
    markdownAccessibility(),
    // After Starlight, so they run once the pages and the search index are written.
    dataLinkCheck(),
    linkCheck(),
  ],
});
