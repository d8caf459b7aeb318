// Small array helpers the engine shares.

/**
 * Appends `items` to `list` and returns `list`. `list.push(...items)` passes each item as an
 * argument on the stack, and past about 120,000 of them (the diagnostics of a broken
 * 20 MB dump, the routes of one large listener) V8 throws a RangeError.
 */
export function pushAll<T>(list: T[], items: Iterable<T>): T[] {
  if (Array.isArray(items)) {
    for (let i = 0; i < items.length; i++) list.push(items[i] as T);
  } else {
    for (const item of items) list.push(item);
  }
  return list;
}
