/**
 * The proposal worker: reads a large filled document against the templates off the main
 * thread, so the page stays responsive and the reading can be cancelled (the page terminates
 * the worker). One request per worker.
 */
import '../../zodSetup.ts';
import { classifyDocument, readProposal } from '../../core/proposal-import.ts';
import { loadYaml } from '../../templates/yaml-lazy.ts';
import type { ProposalWorkerReply, ProposalWorkerRequest } from './proposalWorkerProtocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ProposalWorkerRequest>) => void) | null;
  postMessage: (reply: ProposalWorkerReply) => void;
};

scope.onmessage = (event) => {
  const request = event.data;
  // The YAML library (a document's front matter) is a chunk of the page's build, loaded on
  // demand here as on the page.
  loadYaml().then(() => answer(request), fail);
};

function answer(request: ProposalWorkerRequest): void {
  try {
    scope.postMessage(
      request.type === 'read'
        ? {
            ok: true,
            type: 'read',
            reading: readProposal(request.markdown, request.candidates, request.chosen),
          }
        : {
            ok: true,
            type: 'classify',
            kind: classifyDocument(request.markdown, request.candidates),
          },
    );
  } catch (error) {
    fail(error);
  }
}

function fail(error: unknown): void {
  scope.postMessage({
    ok: false,
    message: error instanceof Error ? error.message : String(error),
  });
}
