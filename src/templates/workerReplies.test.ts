import { describe, expect, it, vi } from 'vitest';
import { parseTemplate } from '../core/template/parse.ts';
import { checkReply, handleInOrder } from './workerReplies.ts';

const template = parseTemplate('# Proposal\n\n## Summary\n\n<!-- One paragraph. -->\n\n## Risks\n');

describe('the reply of a worker holding a template', () => {
  it('reports what is missing in the values it was sent, under their id', () => {
    const reply = checkReply(template, { type: 'check', id: 7, values: {} });
    expect(reply.ok && reply.id).toBe(7);
    if (!reply.ok) throw new Error(reply.message);
    expect(reply.report.complete).toBe(false);
  });

  it('says why when no template was sent first', () => {
    expect(checkReply(null, { type: 'check', id: 3, values: {} })).toEqual({
      ok: false,
      id: 3,
      message: 'No template was sent to check against.',
    });
  });

  it('handles messages one at a time in the order they came', async () => {
    const scope: { onmessage: ((event: MessageEvent<number>) => void) | null } = {
      onmessage: null,
    };
    const seen: number[] = [];
    handleInOrder(scope, (n) => seen.push(n));
    for (const n of [1, 2, 3]) scope.onmessage?.({ data: n } as MessageEvent<number>);
    await vi.waitFor(() => expect(seen).toHaveLength(3));
    expect(seen).toEqual([1, 2, 3]);
  });
});
