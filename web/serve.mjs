#!/usr/bin/env node
// Static server for the built site, used for local preview and by the tests.
//
//   node web/serve.mjs [--dir build/site] [--port 8080] [--host 127.0.0.1] [--base /]
//
// --port and --host default to $PORT and $HOST, then 8080 and 127.0.0.1 (flags win).
// It sends the same strict Content-Security-Policy we expect production to use, so the browser
// tests prove the page works without inline script/style or eval (only 'wasm-unsafe-eval').
// --base /calc/ mounts the site under a sub-path, to prove that every URL in it is relative.
// Node code can `import { startServer }` instead of spawning a process.
//
// No request may stop the server. Files are streamed by `send` (the file server under Express's
// serve-static), which turns every file-system error into an event, never a throw; this file
// decides which file a URL names, refuses what must not be served, and picks a precompressed
// copy (.br, .gz, written by build-site.mjs) when the client accepts it. Anything unexpected is a
// 500 with the security headers, never an exit (tests/web/serve.test.mjs, with a property test).
//
// Caching: every answer says `Cache-Control: no-cache` (always revalidate), and a file's ETag is a
// hash of the bytes sent, so a repeat visit gets 304s for whatever did not change, even after a
// rebuild that rewrote every file (tests/web/cache.test.mjs; bench/README.md says why not
// content-hashed names with long caching).
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import send from 'send';

export const CSP = [
  "default-src 'none'",
  "script-src 'self' 'wasm-unsafe-eval'", // wasm compile needs this; no 'unsafe-eval' (build uses -sDYNAMIC_EXECUTION=0)
  "style-src 'self'",
  "img-src 'self'",
  "font-src 'self'",
  "connect-src 'self'", // the Emscripten loader fetch()es ratings.wasm
  "worker-src 'self'", // the audit page's module worker (audit-worker.mjs); no blob: or data: workers
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

// On every answer too: the browser always revalidates, so it sees the latest build at once, and
// revalidation is cheap: a 304 with no body for every file whose bytes are unchanged (contentEtag).
const COMMON_HEADERS = { ...SECURITY_HEADERS, 'Cache-Control': 'no-cache' };

// Larger files keep `send`'s own validators (not worth reading twice); the site's largest is 120 KB.
const ETAG_MAX_BYTES = 16 * 1024 * 1024;
// The stat fields that change whenever a file's bytes may have: ctime too, which no one can set
// back (an edit that keeps the size and restores the mtime still changes it).
const statKey = (s) => `${s.ino}:${s.size}:${s.mtimeMs}:${s.ctimeMs}`;

// Our own table rather than `send`'s (mime-types): these exact values are what the tests and
// browsers check (module scripts must be JavaScript, instantiateStreaming needs application/wasm).
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

// Precompressed copies sit next to the original as <file>.br / <file>.gz; brotli first (smaller).
const PRECOMPRESSED = [
  ['br', '.br'],
  ['gzip', '.gz'],
];

// What Node itself would answer for a request it could not parse ('clientError'), by error code.
const CLIENT_ERROR_STATUS = {
  HPE_HEADER_OVERFLOW: 431, // request line + headers over --max-http-header-size
  HPE_CHUNK_EXTENSIONS_OVERFLOW: 413,
  ERR_HTTP_REQUEST_TIMEOUT: 408, // server.requestTimeout / headersTimeout (slow clients)
};

/** Normalise a base path to the form "/", "/calc/". */
function normaliseBase(base = '/') {
  const trimmed = String(base).split('/').filter(Boolean).join('/');
  return trimmed ? `/${trimmed}/` : '/';
}

/**
 * The decoded segments of a raw request path (below the base), or null if it is unsafe.
 * Deliberately not `new URL()`: that would silently resolve `..` and `%2e%2e`, and we want to
 * refuse such requests outright (400), not guess what they meant.
 */
function safeSegments(rawRel) {
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
  return parts;
}

/**
 * The content codings the client accepts among ours, best first (RFC 9110 §12.5.3):
 * "gzip;q=0" refuses gzip, "*" stands for any coding not named, ties go to brotli.
 */
export function acceptedCodings(header) {
  const weights = new Map();
  for (const item of String(header ?? '').toLowerCase().split(',')) {
    const [name, ...params] = item.split(';').map((s) => s.trim());
    if (!name) continue;
    const q = params.map((p) => /^q=([01](?:\.\d{0,3})?)$/.exec(p)).find(Boolean);
    weights.set(name === 'x-gzip' ? 'gzip' : name, q ? Number(q[1]) : 1);
  }
  const weight = (c) => weights.get(c) ?? weights.get('*') ?? 0;
  return PRECOMPRESSED.map(([coding]) => coding)
    .filter((c) => weight(c) > 0)
    .sort((a, b) => weight(b) - weight(a)); // stable, so br stays first on a tie
}

/** Start serving; resolves once listening. port 0 picks a free port. */
export function startServer({ dir = 'build/site', port = 0, host = '127.0.0.1', base = '/' } = {}) {
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) {
    return Promise.reject(new Error(`serve: ${dir} is not a directory (run web/build-site.mjs first)`));
  }
  const root = fs.realpathSync(dir);
  base = normaliseBase(base);

  /**
   * { real, stat } for a path that exists and, symlinks resolved, lies inside the site; else null.
   * realpath: a symlink inside the site must not lead outside it. The not-found family (a file
   * used as a directory, a name too long, a symlink loop, no permission) is "not here", a 404;
   * anything else is thrown, and becomes a 500.
   */
  const locate = async (file) => {
    try {
      const real = await fsp.realpath(file);
      if (real !== root && !real.startsWith(root + path.sep)) return null;
      return { real, stat: await fsp.stat(real) };
    } catch (err) {
      if (['ENOENT', 'ENOTDIR', 'ENAMETOOLONG', 'ELOOP', 'EACCES', 'EPERM'].includes(err.code)) return null;
      throw err;
    }
  };

  /**
   * A strong ETag from the bytes of `file` ({ real, stat } as locate gives), or null to leave the
   * validators to `send`. `send`'s ETag is W/"<size>-<mtime>": every build rewrites every file, so
   * it would change for unchanged files (a repeat visit downloads them all again), and an edit
   * that kept the size and mtime would keep it (a 304 for new bytes). A hash has neither problem.
   * It is of the bytes sent, so the identity, gzip and brotli answers each have their own (as
   * strong validators must). Remembered per file while its stat says it is the same file.
   */
  const etags = new Map(); // real path -> { key, etag }
  const contentEtag = async ({ real, stat }) => {
    if (stat.size > ETAG_MAX_BYTES) return null;
    const key = statKey(stat);
    if (etags.get(real)?.key === key) return etags.get(real).etag;
    let bytes;
    try {
      bytes = await fsp.readFile(real);
    } catch {
      return null; // gone or unreadable since locate(): `send` will answer for it
    }
    if (bytes.length !== stat.size) return null; // changed while we read it
    const etag = `"${crypto.createHash('sha256').update(bytes).digest('base64url').slice(0, 27)}"`;
    if (etags.size >= 4096) etags.clear(); // a bound, not an LRU: a site has a few dozen files
    etags.set(real, { key, etag });
    return etag;
  };

  /** The precompressed copy of `found` to send for this Accept-Encoding, or null for identity. */
  const precompressed = async (found, acceptEncoding) => {
    for (const coding of acceptedCodings(acceptEncoding)) {
      const [, ext] = PRECOMPRESSED.find(([c]) => c === coding);
      const copy = await locate(found.real + ext);
      // Older than the original means a stale copy (the file was edited after the build): skip it.
      if (copy?.stat.isFile() && copy.stat.mtimeMs >= found.stat.mtimeMs) return { ...copy, coding };
    }
    return null;
  };

  /**
   * A complete plain-text answer with the security headers. Whatever was set for the attempt
   * (by us or by `send`: ETag, Content-Range...) is dropped first. If the body had already begun
   * (a read failing mid-file), all we can do is cut the connection so the client sees it failed.
   */
  const reply = (res, status, headers = {}, body = `${http.STATUS_CODES[status] ?? 'Error'}\n`) => {
    if (res.headersSent) return void res.destroy();
    for (const name of res.getHeaderNames()) res.removeHeader(name);
    res.writeHead(status, {
      ...COMMON_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      ...headers,
    });
    res.end(res.req.method === 'HEAD' ? undefined : body);
  };
  const redirect = (res, location) => reply(res, 302, { Location: location }, `Redirecting to ${location}\n`);

  /** The last resort: log it, answer 500 if we still can. Never throws. */
  const fail = (req, res, err) => {
    console.error(`serve: ${req.method} ${JSON.stringify(req.url)}: ${err?.stack ?? err}`);
    try {
      reply(res, 500);
    } catch {
      res.destroy();
    }
  };

  const handle = async (req, res) => {
    for (const [name, value] of Object.entries(COMMON_HEADERS)) res.setHeader(name, value);
    // HTTP/1.1 requires Host (RFC 9112 §3.2). Node would refuse it itself, without our headers.
    if (req.httpVersion === '1.1' && req.headers.host === undefined) return reply(res, 400, { Connection: 'close' });
    if (req.method !== 'GET' && req.method !== 'HEAD') return reply(res, 405, { Allow: 'GET, HEAD' });

    const rawPath = req.url.split(/[?#]/, 1)[0];
    // "//host/x" would make our directory redirect below an open redirect, so refuse it too.
    if (!rawPath.startsWith('/') || rawPath.startsWith('//') || /\0|%00/i.test(rawPath)) return reply(res, 400);
    if (base !== '/' && (rawPath === '/' || rawPath === base.slice(0, -1))) return redirect(res, base);
    if (!rawPath.startsWith(base)) return reply(res, 404);
    const parts = safeSegments(rawPath.slice(base.length));
    if (!parts) return reply(res, 400);

    let name = path.join(root, ...parts); // the name asked for: it decides the Content-Type
    let found = await locate(name);
    if (found?.stat.isDirectory()) {
      // Redirect /calc/sub to /calc/sub/ so the page's relative URLs resolve inside sub/.
      if (!rawPath.endsWith('/')) return redirect(res, `${rawPath}/`);
      name = path.join(found.real, 'index.html');
      found = await locate(name);
    } else if (rawPath.endsWith('/')) {
      found = null; // a file named as a directory ("/index.html/") is not found, as on any file system
    }
    if (!found?.stat.isFile()) return reply(res, 404);
    const variant = await precompressed(found, req.headers['accept-encoding']);
    const sent = variant ?? found;
    const etag = await contentEtag(sent);

    // `send` gets the resolved file, relative to the root and %-encoded (it decodes the path).
    // It adds Last-Modified (and its own ETag when we have none), answers conditional GETs with 304
    // (If-None-Match wins over If-Modified-Since) and valid Ranges with 206
    // (of the selected, possibly compressed, bytes), and streams the body; a read error becomes
    // its 'error' event. Listeners run from its fs callbacks, where a throw would end the process,
    // hence `guard`.
    const guard = (fn) => (...args) => {
      try {
        fn(...args);
      } catch (err) {
        fail(req, res, err);
      }
    };
    const rel = path.relative(root, sent.real).split(path.sep).map(encodeURIComponent).join('/');
    send(req, `/${rel}`, { root, index: false, dotfiles: 'allow', cacheControl: false })
      .on('headers', guard((_res, _path, stat) => {
        // Ours only if `send` opened the very file we hashed (else its own, from its stat).
        if (etag && statKey(stat) === statKey(sent.stat)) res.setHeader('ETag', etag);
        res.setHeader('Content-Type', MIME[path.extname(name).toLowerCase()] ?? 'application/octet-stream');
        res.setHeader('Vary', 'Accept-Encoding');
        if (variant) res.setHeader('Content-Encoding', variant.coding);
      }))
      .on('directory', guard(() => reply(res, 404))) // became a directory since locate(): not a file now
      .on('error', guard((err) => {
        const status = err.status ?? 500;
        if (status >= 500) console.error(`serve: ${req.method} ${JSON.stringify(req.url)}: ${err.message}`);
        reply(res, status, err.headers); // 404 (vanished), 412, 416 (with its Content-Range), 500
      }))
      .pipe(res);
  };

  // requireHostHeader: false, so that the handler refuses a missing Host with our headers.
  const server = http.createServer({ requireHostHeader: false }, (req, res) => {
    // A response can fail after the client has gone (EPIPE); without a listener that would throw.
    res.on('error', () => res.destroy());
    handle(req, res).catch((err) => fail(req, res, err));
  });
  // An Expect other than 100-continue: Node would answer 417 itself, without our headers. Close,
  // as a body may follow that we will not read.
  server.on('checkExpectation', (req, res) => reply(res, 417, { Connection: 'close' }));

  /** For what never becomes a request object: a complete answer written to the socket, then close. */
  const answerSocket = (socket, status, extra = {}) => {
    const body = `${http.STATUS_CODES[status]}\n`;
    const headers = {
      ...COMMON_HEADERS,
      'Content-Type': 'text/plain; charset=utf-8',
      'Content-Length': Buffer.byteLength(body),
      ...extra,
      Connection: 'close',
    };
    const head = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join('');
    socket.end(`HTTP/1.1 ${status} ${http.STATUS_CODES[status]}\r\n${head}\r\n${body}`, () => socket.destroy());
    socket.setTimeout(5000, () => socket.destroy()); // a client that never reads must not hold the socket
  };

  // Requests Node cannot parse (malformed request line, headers too large, too slow) never reach
  // the handler; by default Node answers them itself, without our headers. Same decisions as
  // Node's default (lib/_http_server.js socketOnError), with a complete response of our own.
  server.on('clientError', (err, socket) => {
    const inFlight = socket._httpMessage; // a response already being written on this socket, if any
    if (err.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) return void socket.destroy();
    answerSocket(socket, CLIENT_ERROR_STATUS[err.code] ?? 400);
  });
  // CONNECT is handed over as a raw socket (Node would just drop it): not a method we serve.
  server.on('connect', (req, socket) => answerSocket(socket, 405, { Allow: 'GET, HEAD' }));

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      // After start-up, errors such as EMFILE on accept are logged, not fatal.
      server.on('error', (err) => console.error(`serve: ${err.message}`));
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
  let a;
  try {
    ({ values: a } = parseArgs({
      options: {
        dir: { type: 'string', default: 'build/site' },
        port: { type: 'string' }, // no defaults here: $PORT / $HOST apply when the flag is absent
        host: { type: 'string' },
        base: { type: 'string', default: '/' },
      },
    }));
  } catch (err) {
    console.error(`serve: ${err.message}\nusage: node web/serve.mjs [--dir build/site] [--port 8080] [--host 127.0.0.1] [--base /]`);
    process.exit(2);
  }
  // Flags win over the environment; an empty variable counts as unset.
  const portText = a.port ?? (process.env.PORT || '8080');
  const host = a.host ?? (process.env.HOST || '127.0.0.1');
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
  if (!(port <= 65535)) {
    console.error(`serve: invalid port ${JSON.stringify(portText)} (from ${a.port === undefined ? '$PORT' : '--port'})`);
    process.exit(2);
  }
  try {
    const srv = await startServer({ dir: a.dir, port, host, base: a.base });
    console.log(`Serving ${a.dir} at ${srv.url}`); // exactly one stdout line: tests parse it
    const stop = () => srv.close().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (err) {
    console.error(err.message);
    process.exit(1);
  }
}
