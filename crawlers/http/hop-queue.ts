/**
 * The HTTP crawler's request manager (Crawlee's `requestManager` option): the hops waiting to be
 * sent, first in, first out. Crawlee's default, an in-memory RequestQueue, is built for crawls that
 * resume from storage: it validates every call's arguments (ow, shapeshift), locks and lists the
 * queue head in batches, and keeps every handled request, which each listing scans again. A hop
 * needs none of that: it is sent once (retries and pacing are HttpClient's), and a killed run redoes
 * whole sites (the pipeline's resume). Profiled on 400 county sites, that machinery was about a
 * sixth of the crawler process's CPU.
 */
import { randomUUID } from 'node:crypto';
import {
  type AddRequestsBatchedResult,
  type IRequestManager,
  Request,
  type RequestOptions,
  type RequestQueueOperationInfo,
  type RequestQueueOperationOptions,
  type RequestsLike,
  type Source,
} from '@crawlee/cheerio';

export class HopQueue implements IRequestManager {
  private readonly waiting: Request[] = [];
  private inFlight = 0;
  private handled = 0;
  private total = 0;

  /** @param onAdded called after a request joins the queue (to wake the crawler's pool at once). */
  constructor(private readonly onAdded: () => void = () => {}) {}

  /** Queue one request (its uniqueKey is its id: hops are never deduplicated). */
  push(source: RequestOptions | Request, forefront = false): Request {
    const request = source instanceof Request ? source : new Request({ id: source.uniqueKey, ...source });
    this.total++;
    this.enqueue(request, forefront);
    return request;
  }

  private enqueue(request: Request, forefront: boolean): void {
    if (forefront) this.waiting.unshift(request);
    else this.waiting.push(request);
    this.onAdded();
  }

  async isFinished(): Promise<boolean> {
    return this.waiting.length === 0 && this.inFlight === 0;
  }

  async isEmpty(): Promise<boolean> {
    return this.waiting.length === 0;
  }

  async handledCount(): Promise<number> {
    return this.handled;
  }

  getTotalCount(): number {
    return this.total;
  }

  getPendingCount(): number {
    return this.waiting.length + this.inFlight;
  }

  async fetchNextRequest<T extends object>(): Promise<Request<T> | null> {
    const request = this.waiting.shift();
    if (!request) return null;
    this.inFlight++;
    return request as unknown as Request<T>;
  }

  async *[Symbol.asyncIterator](): AsyncGenerator<Request> {
    for (let r = await this.fetchNextRequest(); r; r = await this.fetchNextRequest()) yield r;
  }

  async markRequestHandled(request: Request): Promise<RequestQueueOperationInfo> {
    this.inFlight--;
    this.handled++;
    request.handledAt ??= new Date().toISOString();
    return operationInfo(request, false);
  }

  async reclaimRequest(request: Request, options?: RequestQueueOperationOptions): Promise<RequestQueueOperationInfo> {
    this.inFlight--;
    this.enqueue(request, !!options?.forefront);
    return operationInfo(request, !!options?.forefront);
  }

  async addRequest(source: Source, options?: RequestQueueOperationOptions): Promise<RequestQueueOperationInfo> {
    const forefront = !!options?.forefront;
    return operationInfo(this.push(asOptions(source), forefront), forefront);
  }

  async addRequestsBatched(
    requests: RequestsLike,
    options?: RequestQueueOperationOptions,
  ): Promise<AddRequestsBatchedResult> {
    const added: AddRequestsBatchedResult['addedRequests'] = [];
    const forefront = !!options?.forefront;
    for await (const r of requests as AsyncIterable<Source | string>)
      added.push(operationInfo(this.push(asOptions(r), forefront), forefront));
    return { addedRequests: added, waitForAllRequestsToBeAdded: Promise.resolve([]) };
  }
}

function asOptions(source: Source | string): RequestOptions | Request {
  if (typeof source === 'string') return { url: source, uniqueKey: randomUUID() };
  if (source instanceof Request) return source;
  const options = source as RequestOptions;
  return { ...options, uniqueKey: options.uniqueKey ?? randomUUID() };
}

function operationInfo(request: Request, forefront: boolean): RequestQueueOperationInfo {
  return {
    requestId: request.id ?? request.uniqueKey,
    uniqueKey: request.uniqueKey,
    wasAlreadyPresent: false,
    wasAlreadyHandled: false,
    forefront,
  };
}
