// The completeness worker's messages: any worker holding the template answers them (see there).
export type {
  CheckWorkerReply,
  CheckWorkerRequest,
} from '../../templates/templateWorkerProtocol.ts';
