import type { AstroIntegration } from 'astro';
import { taskListLabels } from '../markdown/task-list-labels.ts';
import { tableScroll } from '../markdown/table-scroll.ts';
import { tableRowHeaders } from '../markdown/table-row-headers.ts';

/**
 * Adds the site's accessibility transforms to the Markdown pipeline of every page (.md and .mdx).
 *
 * Astro 7 renders Markdown with Sätteri by default, which ignores `markdown.rehypePlugins`; its
 * hast plugins live on the processor instead. They are pushed here the way Starlight adds its own
 * (see applyStarlightMarkdownPlugins in @astrojs/starlight), and MDX inherits the processor.
 */
export function markdownAccessibility(): AstroIntegration {
  return {
    name: 'wol:markdown-accessibility',
    hooks: {
      'astro:config:setup': ({ config }) => {
        const processor = config.markdown.processor as { name: string; options: { hastPlugins?: unknown[] } };
        if (!Array.isArray(processor.options.hastPlugins)) {
          throw new Error(
            `wol:markdown-accessibility needs the Sätteri Markdown processor (it adds hast plugins), but markdown.processor is "${processor.name}".`,
          );
        }
        // Row headers first: the scroll wrapper only wraps, so the order matters for nothing else.
        processor.options.hastPlugins.push(taskListLabels(), tableRowHeaders(), tableScroll());
      },
    },
  };
}
