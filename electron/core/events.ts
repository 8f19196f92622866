import type { EventMap, EventName } from '../../shared/ipc/contract.js';

type Listener<E extends EventName> = (payload: EventMap[E]) => void;

/** Events the core pushes to whichever front end is attached (Electron windows, harness clients). */
export class CoreEvents {
  private readonly listeners = new Set<<E extends EventName>(event: E, payload: EventMap[E]) => void>();
  private readonly byName = new Map<EventName, Set<Listener<EventName>>>();

  emit<E extends EventName>(event: E, payload: EventMap[E]): void {
    for (const listener of this.listeners) listener(event, payload);
    for (const listener of this.byName.get(event) ?? []) (listener as Listener<E>)(payload);
  }

  /** Every event, for transports that forward them all. */
  onAny(listener: <E extends EventName>(event: E, payload: EventMap[E]) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  on<E extends EventName>(event: E, listener: Listener<E>): () => void {
    let set = this.byName.get(event);
    if (!set) this.byName.set(event, (set = new Set()));
    set.add(listener as Listener<EventName>);
    return () => set.delete(listener as Listener<EventName>);
  }
}
