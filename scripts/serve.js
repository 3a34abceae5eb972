// Serves the built app (dist/) as a static site and prints its URL. Used by `npm start` and
// by the browser tests. Sends the Content-Security-Policy the app is built to run under.
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const args = process.argv.slice(2);
// `--dir DIR` serves another build than dist/ (the sub-path test builds into a temporary folder).
const dirArg = args.indexOf('--dir');
const root = resolve(
  dirArg >= 0 ? (args[dirArg + 1] ?? '.') : fileURLToPath(new URL('../dist', import.meta.url)),
);
const portArg = args.indexOf('--port');
const port = Number(portArg >= 0 ? args[portArg + 1] : (process.env.PORT ?? 4173));
const host = process.env.HOST ?? '127.0.0.1';
// `--base /proposal-studio/` serves dist/ under that sub-path, as GitHub Pages does for a build
// made with BASE_PATH=/proposal-studio/.
const baseArg = args.indexOf('--base');
const baseName = (baseArg >= 0 ? (args[baseArg + 1] ?? '') : '').replace(/^\/+|\/+$/g, '');
const base = baseName ? `/${baseName}/` : '/';

export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

try {
  await stat(join(root, 'index.html'));
} catch {
  console.error(`${root}/index.html is missing: run \`npm run build\` first (npm start does it).`);
  process.exit(1);
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url ?? '/', 'http://localhost');
  if (`${url.pathname}/` === base) {
    res.writeHead(301, { Location: base }).end();
    return;
  }
  if (!url.pathname.startsWith(base)) {
    res.writeHead(404).end('Not found');
    return;
  }
  let path = normalize(decodeURIComponent(url.pathname.slice(base.length - 1))).replace(
    /^([/\\])+/,
    '',
  );
  let file = resolve(root, path);
  if (!file.startsWith(root)) {
    res.writeHead(403).end();
    return;
  }
  try {
    const info = await stat(file);
    if (info.isDirectory()) file = join(file, 'index.html');
  } catch {
    file = join(root, 'index.html');
    path = 'index.html';
  }
  try {
    const body = await readFile(file);
    res.writeHead(200, {
      'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
      'Content-Security-Policy': CSP,
      'X-Content-Type-Options': 'nosniff',
      'Referrer-Policy': 'no-referrer',
      'Cache-Control': file.includes('/assets/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    });
    res.end(body);
  } catch {
    res.writeHead(404).end('Not found');
  }
});

server.listen(port, host, () => {
  console.log(
    `Proposal Studio is running at http://${host === '0.0.0.0' ? 'localhost' : host}:${port}${base}`,
  );
});
