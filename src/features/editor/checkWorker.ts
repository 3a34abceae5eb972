/**
 * The completeness worker: checks a large draft's values (thousands of sections take a
 * noticeable while) off the main thread. It keeps the template it was sent and answers each
 * check with its id; the page applies only the answer for its latest values. The worker that
 * parsed an imported template answers the same messages (src/templates/templateWorker.ts).
 */
import '../../zodSetup.ts';
import { checkDocument } from '../../core/check.ts';
import type { Template } from '../../core/template/types.ts';
import { loadYaml } from '../../templates/yaml-lazy.ts';
import type { CheckWorkerReply, CheckWorkerRequest } from './checkWorkerProtocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckWorkerRequest>) => void) | null;
  postMessage: (reply: CheckWorkerReply) => void;
};

let template: Template | null = null;

/**
 * Checking may read front matter, so every message waits for the YAML library (loaded once);
 * chaining on one promise keeps the messages in the order they came.
 */
let queue: Promise<unknown> = loadYaml();

scope.onmessage = (event) => {
  const request = event.data;
  queue = queue.then(
    () => handle(request),
    () => handle(request),
  );
};

function handle(request: CheckWorkerRequest): void {
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
