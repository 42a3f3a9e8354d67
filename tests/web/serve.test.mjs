// node --test tests/web/serve.test.mjs
// Tests web/serve.mjs against a throw-away site in a temp dir (not build/site, so it needs no build).
// Requests go through node:http with the raw path, NOT fetch(): fetch/URL would normalise
// `..` and `%2e%2e` away before sending, and the traversal tests would then prove nothing.
// Where a request could end the process (the file-system errors, the fuzz test at the end), the
// server runs as a child process, so that a crash shows as the child exiting, not as this file dying.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import fc from 'fast-check';
import { acceptedCodings, startServer } from '../../web/serve.mjs';

const SERVE = fileURLToPath(new URL('../../web/serve.mjs', import.meta.url));
// Written out in full (not imported from serve.mjs) so a changed policy fails the test.
const EXPECTED_CSP =
  "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self'; " +
  "font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; base-uri 'none'; form-action 'self'; " +
  "frame-ancestors 'none'";
const WASM = Buffer.from([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]); // empty wasm module

let tmp, site, sub, root; // sub: server with --base /calc/, root: server with base /

function request(srv, method, rawPath, headers = {}) {
  const { hostname, port } = new URL(srv.url);
  return new Promise((resolve, reject) => {
    const req = http.request({ hostname, port, method, path: rawPath, headers, agent: false }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end();
  });
}

function assertHardened(res) {
  assert.equal(res.headers['content-security-policy'], EXPECTED_CSP);
  assert.equal(res.headers['x-content-type-options'], 'nosniff');
  assert.equal(res.headers['referrer-policy'], 'no-referrer');
}

/**
 * Raw bytes over a socket, for what node:http would refuse to send. Resolves with the parsed
 * answer once the server closes (we always send Connection: close). If a status line came but the
 * server keeps the socket open past `timeout`, resolves with what it has; with no answer at all, rejects.
 */
function rawRequest(port, bytes, { host = '127.0.0.1', timeout = 5000 } = {}) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    const socket = net.connect({ port, host });
    const parse = () => {
      const all = Buffer.concat(chunks);
      const end = all.indexOf('\r\n\r\n');
      const [statusLine, ...lines] = all.subarray(0, end < 0 ? all.length : end).toString('latin1').split('\r\n');
      const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
      return { statusLine, status: Number(/^HTTP\/1\.1 (\d{3}) /.exec(statusLine)?.[1]), headers, body: end < 0 ? Buffer.alloc(0) : all.subarray(end + 4) };
    };
    const timer = setTimeout(() => {
      socket.destroy();
      chunks.length ? resolve(parse()) : reject(new Error(`no answer in ${timeout} ms`));
    }, timeout);
    socket.on('data', (d) => chunks.push(d));
    socket.on('error', (err) => {
      clearTimeout(timer);
      chunks.length ? resolve(parse()) : reject(err); // a reset after the answer is still an answer
    });
    socket.on('end', () => {
      clearTimeout(timer);
      socket.destroy();
      chunks.length ? resolve(parse()) : reject(new Error('connection closed without an answer'));
    });
    socket.write(bytes); // not end(): a client's FIN makes Node abort the request it is answering
  });
}

/** A server in a child process; resolves once it printed its "Serving ... at URL" line. */
async function spawnServer(args, env = {}) {
  const child = spawn(process.execPath, [SERVE, ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } });
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const line = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    exited.then(({ code, signal }) => reject(new Error(`server exited (${code ?? signal}) before listening: ${stderr}`)));
  });
  const url = line.match(/ at (http:\/\/\S+)$/)?.[1];
  return {
    child,
    line,
    url,
    port: url && Number(new URL(url).port),
    exited,
    stderr: () => stderr,
    alive: () => child.exitCode === null && child.signalCode === null,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}

before(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-test-'));
  site = path.join(tmp, 'site');
  fs.mkdirSync(path.join(site, 'sub'), { recursive: true });
  fs.writeFileSync(path.join(site, 'index.html'), '<!doctype html><title>root page</title>');
  fs.writeFileSync(path.join(site, 'app.mjs'), 'export const x = 1;\n');
  fs.writeFileSync(path.join(site, 'style.css'), 'body{color:red}\n');
  fs.writeFileSync(path.join(site, 'ratings.wasm'), WASM);
  fs.writeFileSync(path.join(site, 'sub', 'index.html'), '<!doctype html><title>sub page</title>');
  fs.writeFileSync(path.join(tmp, 'secret.txt'), 'TOP-SECRET'); // outside the served dir
  // Precompressed copies as build-site.mjs writes them; style.css.gz is older than style.css (stale).
  const appText = fs.readFileSync(path.join(site, 'app.mjs'));
  fs.writeFileSync(path.join(site, 'app.mjs.gz'), zlib.gzipSync(appText, { level: 9 }));
  fs.writeFileSync(path.join(site, 'app.mjs.br'), zlib.brotliCompressSync(appText));
  fs.writeFileSync(path.join(site, 'ratings.wasm.br'), zlib.brotliCompressSync(WASM));
  fs.writeFileSync(path.join(site, 'style.css.gz'), zlib.gzipSync('STALE'));
  fs.utimesSync(path.join(site, 'style.css.gz'), new Date(2000, 0, 1), new Date(2000, 0, 1));
  // Symlinks: a loop (ELOOP), and two ways out of the site (a file and a directory).
  fs.symlinkSync('loop', path.join(site, 'loop'));
  fs.symlinkSync('../secret.txt', path.join(site, 'outside.txt'));
  fs.symlinkSync('..', path.join(site, 'outdir'));
  sub = await startServer({ dir: site, port: 0, base: '/calc/' });
  root = await startServer({ dir: site, port: 0 });
});

after(async () => {
  await sub?.close();
  await root?.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('reports a URL with the base path', () => {
  assert.match(sub.url, /^http:\/\/127\.0\.0\.1:\d+\/calc\/$/);
  assert.match(root.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
});

test('serves files with the right MIME types and bytes', async () => {
  const cases = [
    ['/calc/', 'text/html; charset=utf-8', 'root page'],
    ['/calc/index.html', 'text/html; charset=utf-8', 'root page'],
    ['/calc/app.mjs', 'text/javascript', 'export const x'],
    ['/calc/style.css', 'text/css', 'color:red'],
  ];
  for (const [p, type, text] of cases) {
    const res = await request(sub, 'GET', p);
    assert.equal(res.status, 200, p);
    assert.equal(res.headers['content-type'], type, p);
    assert.ok(res.body.toString().includes(text), p);
    assertHardened(res);
  }
  const wasm = await request(sub, 'GET', '/calc/ratings.wasm');
  assert.equal(wasm.status, 200);
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.deepEqual(wasm.body, WASM);
  assert.equal(wasm.headers['content-length'], String(WASM.length));
});

test('HEAD sends headers but no body', async () => {
  const res = await request(sub, 'HEAD', '/calc/app.mjs');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/javascript');
  assert.equal(res.headers['content-length'], String(fs.statSync(path.join(site, 'app.mjs')).size));
  assert.equal(res.body.length, 0);
});

test('base path: / and /calc redirect to /calc/, other paths are 404', async () => {
  for (const p of ['/', '/calc']) {
    const res = await request(sub, 'GET', p);
    assert.equal(res.status, 302, p);
    assert.equal(res.headers.location, '/calc/', p);
    assertHardened(res);
  }
  assert.equal((await request(sub, 'GET', '/index.html')).status, 404);
  assert.equal((await request(sub, 'GET', '/calcx/index.html')).status, 404);
  // the same site without a base is served at the root
  const res = await request(root, 'GET', '/');
  assert.equal(res.status, 200);
  assert.ok(res.body.toString().includes('root page'));
});

test('directories: redirect to the trailing slash, then serve index.html', async () => {
  const r1 = await request(sub, 'GET', '/calc/sub');
  assert.equal(r1.status, 302);
  assert.equal(r1.headers.location, '/calc/sub/');
  const r2 = await request(sub, 'GET', '/calc/sub/');
  assert.equal(r2.status, 200);
  assert.ok(r2.body.toString().includes('sub page'));
});

test('path traversal and NUL are refused', async () => {
  const attacks = [
    '/calc/../secret.txt',
    '/calc/sub/../../secret.txt',
    '/calc/%2e%2e/secret.txt',
    '/calc/%2E%2E/secret.txt',
    '/calc/.%2e/secret.txt',
    '/calc/..%2fsecret.txt',
    '/calc/..%5csecret.txt',
    '/calc/%2e%2e%2fsecret.txt',
    '/calc/index.html%00',
    '/calc/%00',
    '/calc/%E0%A4%A', // malformed escape
    '//secret.txt',
  ];
  for (const p of attacks) {
    for (const srv of [sub, root]) {
      const res = await request(srv, 'GET', srv === root ? p.replace('/calc', '') : p);
      assert.ok([400, 404].includes(res.status), `${p} gave ${res.status}`);
      assert.ok(!res.body.toString().includes('TOP-SECRET'), p);
      assertHardened(res);
    }
  }
});

test('missing files are 404 with a plain-text body', async () => {
  const res = await request(sub, 'GET', '/calc/nope.js');
  assert.equal(res.status, 404);
  assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
  assert.equal(res.body.toString(), 'Not Found\n');
  assertHardened(res);
});

test('only GET and HEAD are allowed', async () => {
  for (const method of ['POST', 'PUT', 'DELETE', 'OPTIONS']) {
    const res = await request(sub, method, '/calc/index.html');
    assert.equal(res.status, 405, method);
    assert.equal(res.headers.allow, 'GET, HEAD');
    assertHardened(res);
  }
});

test('CLI: --port 0 prints one "Serving ... at URL" line and stops on SIGTERM', { timeout: 10_000 }, async (t) => {
  const child = spawn(process.execPath, [SERVE, '--dir', site, '--port', '0', '--base', '/calc/'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  t.after(() => child.exitCode === null && child.kill('SIGKILL')); // never leave it running if an assert fails
  let stdout = '';
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const line = await new Promise((resolve, reject) => {
    child.stdout.on('data', (d) => {
      stdout += d;
      if (stdout.includes('\n')) resolve(stdout.split('\n')[0]);
    });
    exited.then(() => reject(new Error(`server exited early: ${stdout}`)));
  });
  const m = line.match(/^Serving (.+) at (http:\/\/127\.0\.0\.1:(\d+)\/calc\/)$/);
  assert.ok(m, `unexpected line: ${line}`);
  assert.equal(m[1], site);
  const res = await request({ url: m[2] }, 'GET', '/calc/app.mjs');
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-type'], 'text/javascript');
  child.kill('SIGTERM');
  assert.deepEqual(await exited, { code: 0, signal: null });
  assert.equal(stdout, `${line}\n`); // exactly one line
});

// ---- No request may stop the server (issue 8) ----------------------------------------------
// Each in a fresh child process: the old server died on the first of these requests.

/** GET each path from a fresh child server: a 404 with the headers, then it still serves a page. */
async function assertSurvives(t, paths) {
  const srv = await spawnServer(['--dir', site, '--port', '0', '--base', '/calc/']);
  t.after(() => srv.stop());
  for (const p of paths) {
    const res = await request(srv, 'GET', p).catch((err) => assert.fail(`${p.slice(0, 60)}: ${err.message}; stderr: ${srv.stderr()}`));
    assert.equal(res.status, 404, p.slice(0, 60));
    assert.equal(res.body.toString(), 'Not Found\n');
    assertHardened(res);
    const page = await request(srv, 'GET', '/calc/index.html');
    assert.equal(page.status, 200, `after ${p.slice(0, 60)}`);
  }
  assert.ok(srv.alive(), srv.stderr());
}

test('ENOTDIR: a file used as a directory is a 404, and the server keeps serving', (t) =>
  assertSurvives(t, ['/calc/index.html/x', '/calc/index.html/', '/calc/sub/index.html/x/y', '/calc/app.mjs/%2e%2e%2e']));

test('ENAMETOOLONG: a 300-byte segment and a 5000-byte path are 404s, and the server keeps serving', (t) =>
  assertSurvives(t, [`/calc/${'a'.repeat(300)}`, `/calc/${'abc/'.repeat(1250)}x`, `/calc/${'%61'.repeat(300)}`]));

test('ELOOP: a symlink loop in the site is a 404, and the server keeps serving', (t) =>
  assertSurvives(t, ['/calc/loop', '/calc/loop/', '/calc/loop/x']));

test('a symlink inside the site that leads outside it is not served', async () => {
  for (const srv of [sub, root]) {
    const prefix = srv === sub ? '/calc' : '';
    for (const p of ['/outside.txt', '/outdir/secret.txt', '/outdir/']) {
      const res = await request(srv, 'GET', prefix + p);
      assert.equal(res.status, 404, p);
      assert.ok(!res.body.toString().includes('TOP-SECRET'), p);
      assertHardened(res);
    }
  }
});

test('CLI: PORT and HOST from the environment, flags win over them, a bad PORT is refused', { timeout: 15_000 }, async (t) => {
  const free = await new Promise((resolve) => {
    const probe = net.createServer().listen(0, '127.0.0.2', () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const env = { PORT: String(free), HOST: '127.0.0.2' }; // 127.0.0.2: any 127/8 address is loopback on Linux
  const fromEnv = await spawnServer(['--dir', site], env);
  t.after(() => fromEnv.stop());
  assert.equal(fromEnv.line, `Serving ${site} at http://127.0.0.2:${free}/`);
  assert.equal((await request(fromEnv, 'GET', '/app.mjs')).status, 200);
  await fromEnv.stop();

  const fromFlags = await spawnServer(['--dir', site, '--port', '0', '--host', '127.0.0.1'], env);
  t.after(() => fromFlags.stop());
  assert.match(fromFlags.line, /^Serving .* at http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.notEqual(fromFlags.port, free);
  await fromFlags.stop();

  await assert.rejects(spawnServer(['--dir', site], { PORT: 'eighty' }), /exited \(2\).*invalid port "eighty" \(from \$PORT\)/s);
});

test("Node's own 400, 431, 417 and CONNECT answers carry the security headers", async () => {
  const { port } = root;
  const cases = [
    ['malformed request line', 'GARBAGE\r\n\r\n', 400],
    ['space in the path', 'GET /a b c HTTP/1.1\r\nHost: x\r\n\r\n', 400],
    ['no Host header', 'GET / HTTP/1.1\r\n\r\n', 400],
    ['header too large', `GET / HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`, 431],
    ['unknown Expect', 'GET / HTTP/1.1\r\nHost: x\r\nExpect: tea\r\n\r\n', 417],
    ['CONNECT', 'CONNECT example.org:443 HTTP/1.1\r\nHost: example.org:443\r\n\r\n', 405], // Node drops it unanswered
  ];
  for (const [what, bytes, status] of cases) {
    const res = await rawRequest(port, bytes);
    assert.equal(res.status, status, `${what}: ${res.statusLine}`);
    assertHardened(res);
    assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8', what);
    assert.equal(res.body.toString(), `${http.STATUS_CODES[status]}\n`, what);
    assert.equal(Number(res.headers['content-length']), res.body.length, what); // a complete response
  }
  assert.equal((await request(root, 'GET', '/app.mjs')).status, 200); // and it still serves
});

test('precompressed copies: br or gzip as accepted, with Vary and the original type; identity otherwise', async () => {
  const original = fs.readFileSync(path.join(site, 'app.mjs'));
  const cases = [
    ['br', 'br', '.br'],
    ['gzip', 'gzip', '.gz'],
    ['gzip, deflate, br', 'br', '.br'], // what browsers send: brotli preferred
    ['br;q=0.5, gzip', 'gzip', '.gz'],
    ['br;q=0, gzip', 'gzip', '.gz'],
    ['*', 'br', '.br'],
    ['gzip;q=0, br;q=0', undefined, ''],
    ['identity', undefined, ''],
    [undefined, undefined, ''], // no Accept-Encoding at all
  ];
  for (const [accept, coding, ext] of cases) {
    const res = await request(sub, 'GET', '/calc/app.mjs', accept === undefined ? {} : { 'Accept-Encoding': accept });
    assert.equal(res.status, 200, accept);
    assert.equal(res.headers['content-encoding'], coding, accept);
    assert.equal(res.headers['content-type'], 'text/javascript', accept);
    assert.match(res.headers.vary ?? '', /accept-encoding/i, accept);
    assert.equal(Number(res.headers['content-length']), fs.statSync(path.join(site, `app.mjs${ext}`)).size, accept);
    const decoded = coding === 'br' ? zlib.brotliDecompressSync(res.body) : coding === 'gzip' ? zlib.gunzipSync(res.body) : res.body;
    assert.deepEqual(decoded, original, accept);
    assertHardened(res);
  }
  const wasm = await request(sub, 'GET', '/calc/ratings.wasm', { 'Accept-Encoding': 'br' });
  assert.equal(wasm.headers['content-encoding'], 'br');
  assert.equal(wasm.headers['content-type'], 'application/wasm');
  assert.deepEqual(zlib.brotliDecompressSync(wasm.body), WASM);
  // A copy older than its original is stale: the original is sent.
  const css = await request(sub, 'GET', '/calc/style.css', { 'Accept-Encoding': 'gzip' });
  assert.equal(css.headers['content-encoding'], undefined);
  assert.equal(css.body.toString(), 'body{color:red}\n');
});

test('HEAD of a precompressed file: its headers, no body', async () => {
  const res = await request(sub, 'HEAD', '/calc/app.mjs', { 'Accept-Encoding': 'br' });
  assert.equal(res.status, 200);
  assert.equal(res.headers['content-encoding'], 'br');
  assert.equal(res.headers['content-type'], 'text/javascript');
  assert.equal(Number(res.headers['content-length']), fs.statSync(path.join(site, 'app.mjs.br')).size);
  assert.equal(res.body.length, 0);
  assertHardened(res);
});

test('acceptedCodings reads q-values and "*" as RFC 9110 says', () => {
  assert.deepEqual(acceptedCodings('gzip, deflate, br'), ['br', 'gzip']);
  assert.deepEqual(acceptedCodings('gzip;q=1.0, br;q=0.9'), ['gzip', 'br']);
  assert.deepEqual(acceptedCodings('GZIP ; Q=0.5'), ['gzip']);
  assert.deepEqual(acceptedCodings('x-gzip'), ['gzip']);
  assert.deepEqual(acceptedCodings('*;q=0.1, gzip;q=0'), ['br']);
  assert.deepEqual(acceptedCodings('brotli, gzipfoo, identity'), []); // names match whole, not as substrings
  assert.deepEqual(acceptedCodings(''), []);
  assert.deepEqual(acceptedCodings(undefined), []);
});

test('conditional and range requests: 304, 206 and 416 carry the security headers', async () => {
  const first = await request(sub, 'GET', '/calc/app.mjs');
  assert.ok(first.headers.etag, 'an ETag to revalidate with');
  assert.equal(first.headers['cache-control'], 'no-cache');
  const notModified = await request(sub, 'GET', '/calc/app.mjs', { 'If-None-Match': first.headers.etag });
  assert.equal(notModified.status, 304);
  assertHardened(notModified);
  const part = await request(sub, 'GET', '/calc/app.mjs', { Range: 'bytes=0-5' });
  assert.equal(part.status, 206);
  assert.equal(part.body.toString(), 'export');
  assertHardened(part);
  const beyond = await request(sub, 'GET', '/calc/app.mjs', { Range: 'bytes=9999-' });
  assert.equal(beyond.status, 416);
  assert.match(beyond.headers['content-range'], /^bytes \*\/\d+$/);
  assertHardened(beyond);
  const backwards = await request(sub, 'GET', '/calc/app.mjs', { Range: 'bytes=5-2' }); // invalid: 416 too
  assert.equal(backwards.status, 416);
  assertHardened(backwards);
});

// ---- Properties: any bytes as a path get an HTTP answer, never an exit or a hang ---------------
// fast-check generates request paths from the byte classes that have broken servers (raw bytes,
// %-escapes good and bad, dot segments, slashes, NUL, very long segments, unicode, names of real
// files, directories and symlinks), and sometimes odd values of the headers the server reads.
// Each case is sent raw over a socket to a server in a child process, so a crash is seen as the
// child exiting; the child is then restarted, so that shrinking finds the smallest crashing case.
// The seed is random each run; on a failure fast-check prints it with the shrunk case and error.

const hexDigit = fc.constantFrom(...'0123456789abcdefABCDEF');
const piece = fc.oneof(
  { arbitrary: fc.uint8Array({ minLength: 1, maxLength: 8 }).map((b) => Buffer.from(b)), weight: 2 }, // any bytes
  { arbitrary: fc.tuple(hexDigit, hexDigit).map(([a, b]) => Buffer.from(`%${a}${b}`)), weight: 3 }, // valid escape
  { arbitrary: fc.constantFrom('%', '%0', '%g1', '%zz', '%%', '%E0%A4%A', '%c0%af', '%ff', '%00', '%2e%2e', '%2f', '%5c', '%2e').map((x) => Buffer.from(x)), weight: 2 },
  { arbitrary: fc.constantFrom('/', '/', '//', '.', '..', '../', '/..', '\\', '\0', '?', '#', ' ', '\r', '\n', ';').map((x) => Buffer.from(x)), weight: 3 },
  { arbitrary: fc.constantFrom('index.html', 'index.html/', 'sub', 'sub/', 'app.mjs', 'app.mjs.br', 'loop', 'loop/', 'outside.txt', 'outdir/', 'secret.txt', 'x').map((x) => Buffer.from(x)), weight: 6 },
  { arbitrary: fc.integer({ min: 200, max: 6000 }).map((n) => Buffer.from('a'.repeat(n))), weight: 1 }, // long segment
  { arbitrary: fc.string({ unit: 'binary', maxLength: 6 }).map((s) => Buffer.from(s)), weight: 1 }, // raw UTF-8
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => Buffer.from(encodeURIComponent(s))), weight: 1 },
);
// Half the paths only from pieces a server must look up (most others are refused before any lookup).
const lookupPiece = fc.oneof(
  { arbitrary: fc.constantFrom('index.html', 'index.html/', 'sub', 'sub/', 'app.mjs', 'loop', 'loop/', 'outdir/', 'x', '/').map((x) => Buffer.from(x)), weight: 8 },
  { arbitrary: fc.integer({ min: 200, max: 6000 }).map((n) => Buffer.from('a'.repeat(n))), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 4 }).map((s) => Buffer.from(encodeURIComponent(s))), weight: 1 },
);
const fuzzPath = fc.tuple(fc.constantFrom('/calc/', '/calc/', '/', '', '/calc'), fc.oneof(fc.array(piece, { maxLength: 8 }), fc.array(lookupPiece, { maxLength: 6 })))
  .map(([prefix, pieces]) => Buffer.concat([Buffer.from(prefix), ...pieces]));
const headerValue = fc.oneof(
  fc.constantFrom('bytes=0-0', 'bytes=-1', 'bytes=5-2', 'bytes=0-1,3-4', 'bytes=99999999999999999999-', 'bytes=', 'bytes=-0', 'items=0-1'),
  fc.constantFrom('*', 'W/"x"', '"x", W/"y"', 'Thu, 01 Jan 1970 00:00:00 GMT', 'not a date', 'br;q=2', 'gzip;q=-1', 'br;q=0.0001', ','),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
);
const extraHeaders = fc.array(
  fc.tuple(fc.constantFrom('Range', 'If-None-Match', 'If-Modified-Since', 'If-Range', 'If-Match', 'If-Unmodified-Since', 'Accept-Encoding', 'Expect'), headerValue),
  { maxLength: 3 },
);
const method = fc.constantFrom('GET', 'GET', 'GET', 'GET', 'GET', 'HEAD', 'HEAD', 'POST', 'get', 'OPTIONS', 'CONNECT');
const fuzzRequest = fc.tuple(method, fuzzPath, extraHeaders);

/** Runs `check(answer)` on each generated request to a child server; restarts the child after a crash. */
async function fuzzServer(t, numRuns, check) {
  const args = ['--dir', site, '--port', '0', '--base', '/calc/'];
  let srv = await spawnServer(args);
  t.after(() => srv.stop());
  const statuses = {};
  await fc.assert(
    fc.asyncProperty(fuzzRequest, async ([verb, rawPath, headers]) => {
      if (!srv.alive()) srv = await spawnServer(args);
      const head = headers.map(([k, v]) => `${k}: ${v}\r\n`).join('');
      const bytes = Buffer.concat([Buffer.from(`${verb} `), rawPath, Buffer.from(` HTTP/1.1\r\nHost: x\r\n${head}Connection: close\r\n\r\n`)]);
      let res;
      try {
        res = await rawRequest(srv.port, bytes, { timeout: 3000 });
      } catch (err) {
        // Wait for a crashing child's exit, so this case gets the blame and the next one a new child.
        await Promise.race([srv.exited, new Promise((r) => setTimeout(r, 300))]);
        throw new Error(`${srv.alive() ? 'no answer' : 'the server exited'}: ${err.message}\n${srv.stderr().slice(-600)}`);
      }
      await new Promise(setImmediate);
      assert.ok(srv.alive(), `the server exited after answering ${res.statusLine}\n${srv.stderr().slice(-600)}`);
      assert.match(res.statusLine, /^HTTP\/1\.1 \d{3} /);
      check(res, srv);
      statuses[res.status] = (statuses[res.status] ?? 0) + 1;
    }),
    { numRuns, includeErrorInReport: true },
  );
  // What the cases met, as a sanity check that files are reached, e.g. {"200":150,"400":1500,"404":900}.
  t.diagnostic(`statuses: ${JSON.stringify(statuses)}`);
}

test('property: any byte string as a path gets an answer, never an exit or a hang', { timeout: 60_000 }, (t) =>
  fuzzServer(t, 3000, () => {}));

test('property: every such answer carries the security headers, and none is a 5xx', { timeout: 60_000 }, (t) =>
  fuzzServer(t, 1500, (res, srv) => {
    assert.equal(res.headers['content-security-policy'], EXPECTED_CSP, res.statusLine);
    assert.ok(res.status < 500, `${res.statusLine}\n${srv.stderr().slice(-600)}`); // answered, but still a bug
  }));
