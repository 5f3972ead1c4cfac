import type { APIRoute, GetStaticPaths } from 'astro';
import { listConfigFiles, readConfigFile } from '../../lib/configs.ts';

// Every file under content/configs/ is published verbatim at /configs/<path>, so the download
// link on a page serves the exact file that npm test validated.
export const getStaticPaths: GetStaticPaths = () =>
  listConfigFiles().map((path) => ({ params: { path } }));

export const GET: APIRoute = ({ params }) =>
  new Response(readConfigFile(String(params.path)), {
    headers: { 'Content-Type': 'text/plain; charset=utf-8' },
  });
