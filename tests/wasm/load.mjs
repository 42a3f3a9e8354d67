// Loads the built site's ratings API in Node (wasmBinary: Node's fetch cannot
// read file: URLs, toolchain pitfall P3).
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';

export const siteDir = path.resolve(process.env.CQC_SITE_DIR ?? 'build/site');

export async function loadSiteApi() {
  const { loadRatings } = await import(pathToFileURL(path.join(siteDir, 'ratings-api.mjs')).href);
  return loadRatings({ wasmBinary: fs.readFileSync(path.join(siteDir, 'ratings.wasm')) });
}
