import type { FieldError } from './invalid-request.js';

// PostgreSQL's text (and jsonb) cannot hold U+0000, and UTF-8 cannot encode a UTF-16 surrogate
// that is not one half of a pair. Either kind, accepted at the API, only fails later, deep in a
// service or its event handlers, after the request was answered.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or undefined when it can. */
export function unstorableReason(text: string): string | undefined {
  const nul = text.indexOf('\u0000');
  if (nul !== -1) return `contains U+0000 (NUL) at index ${nul}, which cannot be stored`;
  const lone = LONE_SURROGATE.exec(text);
  if (lone !== null) {
    const unit = lone[0].charCodeAt(0).toString(16).toUpperCase();
    return `contains a lone UTF-16 surrogate (U+${unit}) at index ${lone.index}, which cannot be stored`;
  }
  return undefined;
}

/** `key` as a field name can show it, with the offending characters escaped. */
const shown = (key: string): string =>
  unstorableReason(key) === undefined ? key : JSON.stringify(key).slice(1, -1);

/** A value met in the walk; its path is only spelled out for what is reported. */
interface Visit {
  readonly item: unknown;
  readonly name: string;
  readonly parent?: Visit;
  /** Why its field name cannot be stored, if so. */
  readonly keyReason?: string | undefined;
}

function pathOf(visit: Visit): string {
  const names: string[] = [];
  for (let at: Visit | undefined = visit; at?.parent !== undefined; at = at.parent) {
    names.push(at.name);
  }
  return names.reverse().join('.');
}

/**
 * Every string in `value` (a parsed body, query or path parameters), keys included, that cannot
 * be stored, named by its path as the validation pipe names fields (`lines.0.sku`). A loop, not
 * recursion: a 100 kB body can nest arrays fifty thousand deep, beyond the call stack.
 */
export function unstorableFields(value: unknown): FieldError[] {
  const found: FieldError[] = [];
  const pending: Visit[] = [{ item: value, name: '' }];
  for (let visit = pending.pop(); visit !== undefined; visit = pending.pop()) {
    const { item, keyReason } = visit;
    if (keyReason !== undefined) {
      found.push({ field: pathOf(visit), message: `the field name ${keyReason}` });
    }
    if (typeof item === 'string') {
      const reason = unstorableReason(item);
      if (reason !== undefined) {
        const path = pathOf(visit);
        found.push({ field: path, message: `${path} ${reason}` });
      }
    } else if (typeof item === 'object' && item !== null) {
      const entries = Object.entries(item);
      // Depth first, in the order the fields were written: the stack takes them last first.
      for (let index = entries.length - 1; index >= 0; index -= 1) {
        const [key, child] = entries[index] as [string, unknown];
        pending.push({
          item: child,
          name: shown(key),
          parent: visit,
          keyReason: unstorableReason(key),
        });
      }
    }
  }
  return found;
}
