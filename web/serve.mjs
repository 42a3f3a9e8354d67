#!/usr/bin/env node
// Dependency-free static server for the built site, used for local preview and by the tests.
//
//   node web/serve.mjs [--dir build/site] [--port 8080] [--host 127.0.0.1] [--base /]
//
// It sends the same strict Content-Security-Policy we expect production to use, so the browser
// tests prove the page works without inline script/style or eval (only 'wasm-unsafe-eval').
// --base /calc/ mounts the site under a sub-path, to prove that every URL in it is relative.
// Node code can `import { startServer }` instead of spawning a process.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'", // wasm compile needs this; no 'unsafe-eval' (build uses -sDYNAMIC_EXECUTION=0)
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'", // the Emscripten loader fetch()es ratings.wasm
  "manifest-src 'self'",
  "base-uri 'none'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

// Sent on every response, errors and redirects included.
export const SECURITY_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff', // with the exact MIME types below: no sniffing surprises
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY', // older browsers' version of frame-ancestors 'none'
  // Only features Chromium recognises: unknown ones (e.g. the retired interest-cohort) log a
  // console error on every page load, which would trip "no console errors" browser tests.
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
};

export const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.mjs': 'text/javascript', // module scripts are refused unless served as JavaScript
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm', // required by WebAssembly.instantiateStreaming
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

/** Normalise a base path to the form "/", "/calc/". */
function normaliseBase(base = '/') {
  const trimmed = String(base).split('/').filter(Boolean).join('/');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * Map a raw request path (below the base) to a file path, or return null if it is unsafe.
 * Deliberately not `new URL()`: that would silently resolve `..` and `%2e%2e`, and we want to
 * refuse such requests outright, not guess what they meant.
 */
function resolveSafe(root, rawRel) {
  const parts = [];
  for (const seg of rawRel.split('/')) {
    let s;
    try {
      s = decodeURIComponent(seg);
    } catch {
      return null; // malformed %-escape
    }
    if (s === '.' || s === '..' || /[\\/\0]/.test(s)) return null; // traversal, encoded / or \, NUL
    if (s) parts.push(s);
  }
  const file = path.join(root, ...parts);
  return file === root || file.startsWith(root + path.sep) ? file : null;
}

/** Start serving; resolves once listening. port 0 picks a free port. */
export function startServer({ dir = 'build/site', port = 0, host = '127.0.0.1', base = '/' } = {}) {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    return Promise.reject(new Error(`serve: ${dir} is not a directory (run web/build-site.mjs first)`));
  }
  const root = fs.realpathSync(dir);
  base = normaliseBase(base);

  const send = (res, status, body, headers = {}) => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'Content-Type': 'text/plain; charset=utf-8', ...headers });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };
  const redirect = (res, location) => send(res, 302, `Redirecting to ${location}\n`, { Location: location });

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return send(res, 405, 'Method Not Allowed\n', { Allow: 'GET, HEAD' });
    }
    const rawPath = req.url.split(/[?#]/, 1)[0];
    // "//host/x" would make our directory redirect below an open redirect, so refuse it too.
    if (!rawPath.startsWith('/') || rawPath.startsWith('//') || /\0|%00/i.test(rawPath)) {
      return send(res, 400, 'Bad Request\n');
    }
    if (base !== '/' && (rawPath === '/' || rawPath === base.slice(0, -1))) return redirect(res, base);
    if (!rawPath.startsWith(base)) return send(res, 404, 'Not Found\n');

    let file = resolveSafe(root, rawPath.slice(base.length));
    if (!file) return send(res, 400, 'Bad Request\n');
    let stat = fs.statSync(file, { throwIfNoEntry: false });
    if (stat?.isDirectory()) {
      // Redirect /calc/sub to /calc/sub/ so the page's relative URLs resolve inside sub/.
      if (!rawPath.endsWith('/')) return redirect(res, `${rawPath}/`);
      file = path.join(file, 'index.html');
      stat = fs.statSync(file, { throwIfNoEntry: false });
    }
    // realpath: a symlink inside the site must not lead outside it.
    if (!stat?.isFile() || !fs.realpathSync(file).startsWith(root + path.sep)) {
      return send(res, 404, 'Not Found\n');
    }
    res.writeHead(200, {
      ...SECURITY_HEADERS,
      'Content-Type': MIME[path.extname(file).toLowerCase()] ?? 'application/octet-stream',
      'Content-Length': stat.size,
      'Cache-Control': 'no-cache', // a dev/test server: always serve the latest build
    });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file)
      .on('error', () => res.destroy())
      .pipe(res);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address();
      const h = host.includes(':') ? `[${host}]` : host;
      resolve({
        url: `http://${h}:${actual}${base}`,
        port: actual,
        server,
        close: () =>
          new Promise((done) => {
            server.close(() => done());
            server.closeAllConnections(); // don't wait for idle keep-alive sockets
          }),
      });
    });
  });
}

// ---- CLI: only when run directly, not when imported -------------------------------------------
const isMain = process.argv[1] && import.meta.url === pathToFileURL(fs.realpathSync(process.argv[1])).href;
if (isMain) {
  const { values: a } = parseArgs({
    options: {
      dir: { type: 'string', default: 'build/site' },
      port: { type: 'string', default: '8080' },
      host: { type: 'string', default: '127.0.0.1' },
      base: { type: 'string', default: '/' },
    },
  });
  const port = Number(a.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    console.error(`serve: invalid --port ${a.port}`);
    process.exit(2);
  }
  try {
    const srv = await startServer({ dir: a.dir, port, host: a.host, base: a.base });
    console.log(`Serving ${a.dir} at ${srv.url}`); // exactly one stdout line: tests parse it
    const stop = () => srv.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
