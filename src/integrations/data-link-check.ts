import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AstroIntegration } from 'astro';
import { parse } from 'yaml';
import { decisionTree, treeLinks } from '../lib/guide/tree.ts';
import { findUnresolvedLinks, listDocRoutes, type DataLink } from '../lib/paths/routes.ts';

const PATHS_ROOT = join(process.cwd(), 'content', 'paths');

interface StepLike {
  id?: unknown;
  href?: unknown;
}

/** Every step href in content/paths/*.yaml. The collection's zod schema has already checked the shape. */
export function pathStepLinks(root: string = PATHS_ROOT): DataLink[] {
  return readdirSync(root)
    .filter((name) => name.endsWith('.yaml'))
    .flatMap((name) => {
      const data = parse(readFileSync(join(root, name), 'utf8')) as { stages?: { steps?: StepLike[] }[] };
      return (data.stages ?? []).flatMap((stage) =>
        (stage.steps ?? []).map((step) => ({
          where: `content/paths/${name}, step ${String(step.id)}`,
          href: String(step.href),
        })),
      );
    });
}

/**
 * Fails `astro build` when a learning-path step or a decision-guide outcome links to an address
 * that is neither a page in content/docs/ nor a known lab. These links are data, not MDX, so this
 * names the YAML file and step that hold a bad one; the link checker then checks the final HTML.
 * It runs when the build is done, so the pages are written even when it fails.
 */
export function dataLinkCheck(): AstroIntegration {
  return {
    name: 'wol:data-link-check',
    hooks: {
      'astro:build:done': ({ logger }) => {
        const links = [
          ...pathStepLinks(),
          ...treeLinks(decisionTree).map(({ nodeId, href }) => ({ where: `decision guide, ${nodeId}`, href })),
        ];
        const unresolved = findUnresolvedLinks(links, listDocRoutes());
        if (unresolved.length > 0) {
          for (const u of unresolved) logger.error(`${u.where}: ${u.href} (${u.reason})`);
          throw new Error(`${unresolved.length} learning-path or decision-guide link(s) lead nowhere; see the list above.`);
        }
        logger.info(`all ${links.length} learning-path and decision-guide links lead to pages`);
      },
    },
  };
}
