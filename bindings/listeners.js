// Event handlers that live as long as their token. Handlers are kept in a
// WeakMap keyed by the token, so a handler that closes over its token (as a
// constructor's `watch(() => …, this)` does) does not keep it alive; a list
// of WeakRefs remembers the order tokens came in, for dispatch.

/** The event types, in the order a resize announces them. */
export const EVENT_TYPES = ['grow', 'trim', 'resize', 'oom'];

export class Listeners {
  /** WeakRefs of tokens with handlers, in the order they were first added. */
  #tokens = [];
  /** token -> { [type]: handler[] } */
  #handlers = new WeakMap();
  /** Length of #tokens after the last sweep of dead references. */
  #swept = 0;

  add(type, token, fn) {
    let byType = this.#handlers.get(token);
    if (byType === undefined) {
      byType = {};
      this.#handlers.set(token, byType);
      this.#tokens.push(new WeakRef(token));
      if (this.#tokens.length > 2 * this.#swept + 64) this.#sweep();
    }
    (byType[type] ??= []).push(fn);
  }

  remove(type, token, fn) {
    const byType = this.#handlers.get(token);
    if (byType?.[type] === undefined) return;
    byType[type] = fn === undefined ? [] : byType[type].filter((handler) => handler !== fn);
  }

  /**
   * Calls every live handler of `type` with `event`, in order; a throwing
   * handler does not stop the rest.
   * @returns {unknown[]} what handlers threw
   */
  emit(type, event) {
    const errors = [];
    for (const ref of this.#tokens.slice()) {
      const token = ref.deref();
      const handlers = token === undefined ? undefined : this.#handlers.get(token)?.[type];
      if (handlers === undefined) continue;
      for (const fn of handlers.slice()) {
        try {
          fn(event);
        } catch (error) {
          errors.push(error);
        }
      }
    }
    return errors;
  }

  /** Drops references to collected tokens, so the list tracks the live ones. */
  #sweep() {
    this.#tokens = this.#tokens.filter((ref) => ref.deref() !== undefined);
    this.#swept = this.#tokens.length;
  }
}
