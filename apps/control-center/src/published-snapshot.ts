// The snapshot as served: rendered to JSON once per poll pass (lib renderSnapshot, with its
// per-runtime budget) and encoded once as bytes, for `/api/snapshot`, and once as an SSE frame,
// for every event stream. Requests and streams share these Buffers; nothing is serialised per client.
import { renderSnapshot, type Snapshot } from '@orkestra/lib/control-center';
import { formatSseEvent } from './sse-hub.ts';

/** The current snapshot's bytes. */
export class PublishedSnapshot {
  #json: Buffer;
  #frame: Buffer;

  constructor(first: Snapshot, perRuntimeChars?: number) {
    this.#perRuntimeChars = perRuntimeChars;
    [this.#json, this.#frame] = this.#render(first);
  }

  readonly #perRuntimeChars: number | undefined;

  /** Renders a new snapshot; returns the SSE frame to broadcast. */
  publish(snapshot: Snapshot): Buffer {
    [this.#json, this.#frame] = this.#render(snapshot);
    return this.#frame;
  }

  /** `/api/snapshot`'s body. */
  json(): Buffer {
    return this.#json;
  }

  /** The `snapshot` event a new stream starts with. */
  frame(): Buffer {
    return this.#frame;
  }

  #render(snapshot: Snapshot): [Buffer, Buffer] {
    const text = renderSnapshot(snapshot, this.#perRuntimeChars);
    return [Buffer.from(text), Buffer.from(formatSseEvent('snapshot', text))];
  }
}
