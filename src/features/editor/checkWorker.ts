/**
 * The completeness worker: checks a large draft's values (thousands of sections take a
 * noticeable while) off the main thread. It keeps the template it was sent and answers each
 * check with its id; the page applies only the answer for its latest values. The worker that
 * parsed an imported template answers the same messages (src/templates/templateWorker.ts).
 */
import '../../zodSetup.ts';
import type { Template } from '../../core/template/types.ts';
import { checkReply, handleInOrder } from '../../templates/workerReplies.ts';
import type { CheckWorkerReply, CheckWorkerRequest } from './checkWorkerProtocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<CheckWorkerRequest>) => void) | null;
  postMessage: (reply: CheckWorkerReply) => void;
};

let template: Template | null = null;

handleInOrder(scope, (request) => {
  if (request.type === 'template') template = request.template;
  else scope.postMessage(checkReply(template, request));
});
