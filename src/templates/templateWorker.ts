/**
 * The template worker: parses templates that are not built in off the main thread, so a large
 * or hostile template cannot freeze the page. One request per worker; the page terminates the
 * worker to cancel.
 */
import '../zodSetup.ts';
import { parseTemplate } from '../core/template/parse.ts';
import { loadYaml } from './yaml-lazy.ts';
import type { TemplateWorkerReply, TemplateWorkerRequest } from './templateWorkerProtocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TemplateWorkerRequest>) => void) | null;
  postMessage: (reply: TemplateWorkerReply) => void;
};

scope.onmessage = (event) => {
  const { source } = event.data;
  loadYaml()
    .then(() => scope.postMessage({ ok: true, template: parseTemplate(source) }))
    .catch((error: unknown) =>
      scope.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      }),
    );
};
