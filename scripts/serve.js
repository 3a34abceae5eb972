// Serves the built app (dist/) as a static site and prints its URL. Used by `npm start` and
// by the browser tests. Sends the Content-Security-Policy the app is built to run under.
//
// Every request is answered and none can stop the server: a malformed URL gets 400, a path
// outside dist/ 403, a source map or a missing file 404. Options: `--port N` (0 picks a free
// port; the printed URL says which), `--root DIR` (or `--dir DIR`; default: dist/) and
// `--base /proposal-studio/` (serve under that sub-path, as GitHub Pages does for a build made
// with BASE_PATH=/proposal-studio/).
import { createServer } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { cspHeader } from './csp.js';

const args = process.argv.slice(2);
const option = (name) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const root = resolve(
  option('--root') ?? option('--dir') ?? fileURLToPath(new URL('../dist', import.meta.url)),
);
const port = Number(option('--port') ?? process.env.PORT ?? 4173);
const host = process.env.HOST ?? '127.0.0.1';
const baseName = (option('--base') ?? '').replace(/^\/+|\/+$/g, '');
const base = baseName ? `/${baseName}/` : '/';

export const CSP = cspHeader();

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.webmanifest': 'application/manifest+json',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
};

const BASE_HEADERS = {
  'Content-Security-Policy': CSP,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

try {
  await stat(join(root, 'index.html'));
} catch {
  console.error(`${root}/index.html is missing: run \`npm run build\` first (npm start does it).`);
  process.exit(1);
}

/**
 * The file a request path names, or the status that answers it. Paths are decoded once,
 * resolved against the root and must stay inside it.
 */
function resolveRequest(rawUrl) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(rawUrl ?? '/', 'http://localhost').pathname);
  } catch {
    return { status: 400 };
  }
  if (pathname.includes('\0')) return { status: 400 };
  if (`${pathname}/` === base) return { status: 301, location: base };
  if (!pathname.startsWith(base)) return { status: 404 };
  const relative = pathname.slice(base.length).replace(/^[/\\]+/, '');
  const file = resolve(root, relative);
  if (file !== root && !file.startsWith(root + sep)) return { status: 403 };
  // Source maps stay private to the build, and hidden files are never served.
  if (/\.map$/i.test(file) || /(^|[/\\])\./.test(relative)) return { status: 404 };
  return { file, relative };
}

async function answer(req, res) {
  if (req.method !== 'GET' && req.method !== 'HEAD') {
    res.writeHead(405, { ...BASE_HEADERS, Allow: 'GET, HEAD' }).end();
    return;
  }
  const target = resolveRequest(req.url);
  if (target.status) {
    const location = target.location ? { Location: target.location } : {};
    res.writeHead(target.status, { ...BASE_HEADERS, ...location }).end();
    return;
  }
  let file = target.file;
  try {
    const info = await stat(file);
    if (info.isDirectory()) file = join(file, 'index.html');
  } catch {
    // The app routes in the URL fragment: an unknown page is the app, an unknown file is not.
    if (extname(target.relative) !== '' && extname(target.relative) !== '.html') {
      res.writeHead(404, BASE_HEADERS).end('Not found');
      return;
    }
    file = join(root, 'index.html');
  }
  let body;
  try {
    body = await readFile(file);
  } catch {
    res.writeHead(404, BASE_HEADERS).end('Not found');
    return;
  }
  res.writeHead(200, {
    ...BASE_HEADERS,
    'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream',
    'Cache-Control': file.includes(`${sep}assets${sep}`)
      ? 'public, max-age=31536000, immutable'
      : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}

const server = createServer((req, res) => {
  answer(req, res).catch((error) => {
    console.error(`Error answering ${JSON.stringify(req.url)}:`, error);
    if (!res.headersSent) res.writeHead(500, BASE_HEADERS);
    res.end();
  });
});

// A request Node cannot even parse (bad request line, oversized headers) is answered here.
server.on('clientError', (error, socket) => {
  if (socket.writable && !socket.writableEnded) {
    const status = error.code === 'HPE_HEADER_OVERFLOW' ? 431 : 400;
    socket.end(`HTTP/1.1 ${status} Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  } else {
    socket.destroy();
  }
});

server.listen(port, host, () => {
  const address = server.address();
  const shown = host === '0.0.0.0' ? 'localhost' : host;
  console.log(`Proposal Studio is running at http://${shown}:${address.port}${base}`);
});
