/**
 * The template worker: parses templates that are not built in off the main thread, so a large
 * or hostile template cannot freeze the page. The page terminates the worker to cancel. After
 * the parse it keeps the template, and the editor of a large draft may take the worker over to
 * check completeness against it (`takeTemplateWorker`): the same messages as the completeness
 * worker's (features/editor/checkWorker.ts).
 */
import '../zodSetup.ts';
import { checkDocument } from '../core/check.ts';
import { parseTemplate } from '../core/template/parse.ts';
import type { Template } from '../core/template/types.ts';
import { loadYaml } from './yaml-lazy.ts';
import type {
  CheckWorkerReply,
  CheckWorkerRequest,
  TemplateWorkerReply,
  TemplateWorkerRequest,
} from './templateWorkerProtocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TemplateWorkerRequest | CheckWorkerRequest>) => void) | null;
  postMessage: (reply: TemplateWorkerReply | CheckWorkerReply) => void;
};

let template: Template | null = null;

/** Every message waits for the YAML library (loaded once), in the order the messages came. */
let queue: Promise<unknown> = loadYaml();

scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(
    () => handle(request),
    () => handle(request),
  );
};

function handle(request: TemplateWorkerRequest | CheckWorkerRequest): void {
  if (!('type' in request)) {
    try {
      template = parseTemplate(request.source);
      scope.postMessage({ ok: true, template });
    } catch (error) {
      scope.postMessage({
        ok: false,
        message: error instanceof Error ? error.message : String(error),
      });
    }
    return;
  }
  if (request.type === 'template') {
    template = request.template;
    return;
  }
  try {
    if (!template) throw new Error('No template was sent to check against.');
    scope.postMessage({
      ok: true,
      id: request.id,
      report: checkDocument(template, request.values),
    });
  } catch (error) {
    scope.postMessage({
      ok: false,
      id: request.id,
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
