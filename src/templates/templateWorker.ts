/**
 * The template worker: parses templates that are not built in off the main thread, so a large
 * or hostile template cannot freeze the page. The page terminates the worker to cancel. After
 * the parse it keeps the template, and the editor of a large draft may take the worker over to
 * check completeness against it (`takeTemplateWorker`): the same messages as the completeness
 * worker's (features/editor/checkWorker.ts).
 */
import '../zodSetup.ts';
import { parseTemplate } from '../core/template/parse.ts';
import type { Template } from '../core/template/types.ts';
import type {
  CheckWorkerReply,
  CheckWorkerRequest,
  TemplateWorkerReply,
  TemplateWorkerRequest,
} from './templateWorkerProtocol.ts';
import { checkReply, handleInOrder, messageOf } from './workerReplies.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TemplateWorkerRequest | CheckWorkerRequest>) => void) | null;
  postMessage: (reply: TemplateWorkerReply | CheckWorkerReply) => void;
};

let template: Template | null = null;

handleInOrder(scope, (request) => {
  if (!('type' in request)) {
    try {
      template = parseTemplate(request.source);
      scope.postMessage({ ok: true, template });
    } catch (error) {
      scope.postMessage({ ok: false, message: messageOf(error) });
    }
  } else if (request.type === 'template') {
    template = request.template;
  } else {
    scope.postMessage(checkReply(template, request));
  }
});
