import { getEntry } from 'astro:content';
import { defineRouteMiddleware } from '@astrojs/starlight/route-data';
import { learningPathOf, withStages } from '../lib/paths/stages.ts';

// A learning path's stages (Read, Practise, Learn next, or its days and weeks) are headings drawn
// by <LearningPath>, not Markdown headings, so Starlight leaves them out of "On this page".
export const onRequest = defineRouteMiddleware(async (context) => {
  const route = context.locals.starlightRoute;
  const pathId = learningPathOf(route.entry.body);
  if (!pathId || !route.toc) return;
  const path = await getEntry('paths', pathId);
  if (!path) return;
  route.toc.items = withStages(route.toc.items, path.data.stages.map((stage) => stage.title));
});
