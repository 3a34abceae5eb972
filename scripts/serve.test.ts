import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cspHeader, cspMeta, THEME_SCRIPT, THEME_SCRIPT_HASH } from './csp.js';
import { THEME_HINT_KEY as APP_THEME_HINT_KEY } from '../src/app/useApplyTheme.ts';

// scripts/serve.js against a small site in a temporary folder, with a secret beside it that
// must never be served.
const SECRET = 'SECRET-OUTSIDE-THE-SITE';
let dir: string;
let server: ChildProcess;
let port: number;
let exited: number | null | undefined;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'serve-test-'));
  const site = join(dir, 'site');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(site, 'assets', 'app.js'), 'console.log(1);\n//# sourceMappingURL=app.js.map');
  writeFileSync(join(site, 'assets', 'app.js.map'), '{"sources":["src/secret.ts"]}');
  writeFileSync(join(site, '.env'), SECRET);
  writeFileSync(join(dir, 'secret.txt'), SECRET);
  mkdirSync(join(dir, 'site-evil'));
  writeFileSync(join(dir, 'site-evil', 'x.txt'), SECRET);

  server = spawn(process.execPath, ['scripts/serve.js', '--port', '0', '--root', site], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  server.on('exit', (code) => (exited = code));
  port = await new Promise<number>((resolvePort, reject) => {
    let out = '';
    server.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /:(\d+)\//.exec(out);
      if (match) resolvePort(Number(match[1]));
    });
    server.on('exit', () => reject(new Error(`serve.js exited: ${out}`)));
  });
});

afterAll(() => {
  server?.kill();
  rmSync(dir, { recursive: true, force: true });
});

interface Reply {
  status: number;
  headers: string;
  body: string;
}

/** Sends one raw request line (no client-side checks on the path) and reads the whole reply. */
function request(path: string, method = 'GET'): Promise<Reply> {
  return new Promise((resolveReply, reject) => {
    const socket = connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('close', () => {
      const text = Buffer.concat(chunks).toString('latin1');
      const [head = '', ...rest] = text.split('\r\n\r\n');
      resolveReply({
        status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0),
        headers: head,
        body: rest.join('\r\n\r\n'),
      });
    });
    socket.write(
      Buffer.from(`${method} ${path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`, 'latin1'),
    );
  });
}

describe('scripts/serve.js', () => {
  it('serves the app with the Content-Security-Policy header', async () => {
    const reply = await request('/');
    expect(reply.status).toBe(200);
    expect(reply.body).toContain('<title>app</title>');
    expect(reply.headers).toContain(`Content-Security-Policy: ${cspHeader()}`);
    expect(reply.headers).toContain("frame-ancestors 'none'");
  });

  it('answers 400 to a malformed URL and keeps running', async () => {
    expect((await request('/%E0%A4%A')).status).toBe(400);
    expect((await request('/%')).status).toBe(400);
    expect((await request('/a%00b')).status).toBe(400);
    expect((await request('/')).status).toBe(200);
    expect(exited).toBeUndefined();
  });

  it('does not serve source maps, hidden files or anything outside the site', async () => {
    expect((await request('/assets/app.js')).status).toBe(200);
    expect((await request('/assets/app.js.map')).status).toBe(404);
    expect((await request('/assets/APP.JS.MAP')).status).toBe(404);
    for (const path of [
      '/.env',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/..%5csecret.txt',
      '/assets/..%2f..%2fsecret.txt',
      '/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/../site-evil/x.txt',
      '/..%2fsite-evil%2fx.txt',
    ]) {
      const reply = await request(path);
      expect(reply.body, path).not.toContain(SECRET);
      expect([400, 403, 404], path).toContain(reply.status);
    }
  });

  it('answers 404 to a missing file and the app to an unknown page', async () => {
    expect((await request('/assets/missing.js')).status).toBe(404);
    const page = await request('/some/page');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>app</title>');
  });

  it('refuses methods other than GET and HEAD', async () => {
    expect((await request('/', 'POST')).status).toBe(405);
    const head = await request('/', 'HEAD');
    expect(head.status).toBe(200);
    expect(head.body).toBe('');
  });

  it('survives fuzzed, traversal and huge paths, and still answers', async () => {
    const segment = fc.oneof(
      fc.constantFrom(
        '..',
        '.',
        '%2e%2e',
        '%2e',
        '%2f',
        '%5c',
        '%00',
        '%',
        '%E0%A4%A',
        '%ff',
        '~',
        '\\',
        'assets',
        'index.html',
        'app.js.map',
        '.env',
        'secret.txt',
      ),
      fc.string({ maxLength: 12 }).map((s) => encodeURIComponent(s)),
      fc
        .uint8Array({ maxLength: 6 })
        .map((bytes) => [...bytes].map((b) => `%${b.toString(16).padStart(2, '0')}`).join('')),
    );
    const path = fc.array(segment, { maxLength: 8 }).map((parts) => `/${parts.join('/')}`);
    await fc.assert(
      fc.asyncProperty(path, async (p) => {
        const reply = await request(p);
        expect(reply.status).toBeGreaterThanOrEqual(200);
        expect(reply.status).toBeLessThan(500);
        expect(reply.body).not.toContain(SECRET);
        expect(reply.body).not.toContain('"sources"');
      }),
      { numRuns: 300, seed: 9 },
    );
    // Oversized and absurd request lines are refused without a crash.
    expect([400, 414, 431]).toContain((await request(`/${'a'.repeat(100_000)}`)).status);
    expect([400, 414, 431]).toContain((await request(`/${'%E0'.repeat(20_000)}`)).status);
    expect((await request('http://[::1')).status).toBe(400);
    expect((await request('/\u00ff\u0001')).status).toBeGreaterThanOrEqual(400);
    expect((await request('/')).status).toBe(200);
    expect(exited).toBeUndefined();
  });

  it('has one policy: the meta tag is the header without header-only directives', () => {
    expect(cspMeta()).not.toContain('frame-ancestors');
    expect(cspHeader()).toBe(`${cspMeta()}; frame-ancestors 'none'`);
    expect(cspMeta()).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline/);
  });

  it('allows the one inline script (the theme before first paint) by its hash, with the app’s key', () => {
    expect(cspMeta()).toContain(`script-src 'self' ${THEME_SCRIPT_HASH};`);
    expect(THEME_SCRIPT).toContain(JSON.stringify(APP_THEME_HINT_KEY));
  });
});
