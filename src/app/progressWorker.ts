/**
 * The progress worker: reads each draft's template and checks its values for the gallery's
 * "7 of 12 sections complete" lines off the main thread, so a library holding a draft of a
 * large template (thousands of sections) never freezes the first screen. Drafts are answered
 * one at a time, in the order they came.
 */
import '../zodSetup.ts';
import { parseTemplate } from '../core/template/parse.ts';
import { loadYaml } from '../templates/yaml-lazy.ts';
import { draftProgress } from './draftProgress.ts';
import type { ProgressWorkerReply, ProgressWorkerRequest } from './progressWorkerProtocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ProgressWorkerRequest>) => void) | null;
  postMessage: (reply: ProgressWorkerReply) => void;
};

// Already off the page's thread: imported templates are parsed here, whatever their size.
const parse = async (source: string) => {
  await loadYaml();
  return parseTemplate(source);
};

let queue: Promise<unknown> = Promise.resolve();

scope.onmessage = (event) => {
  const { draft } = event.data;
  queue = queue.then(async () => {
    const text = await draftProgress(draft, parse).catch(() => undefined);
    scope.postMessage({ id: draft.id, rev: draft.rev, text });
  });
};
