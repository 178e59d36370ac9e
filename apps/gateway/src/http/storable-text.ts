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

const join = (parent: string, key: string): string => (parent ? `${parent}.${key}` : key);

/**
 * Every string in `value` (a parsed body, query or path parameters), keys included, that cannot
 * be stored, named by its path as the validation pipe names fields (`lines.0.sku`).
 */
export function unstorableFields(value: unknown, path = ''): FieldError[] {
  if (typeof value === 'string') {
    const reason = unstorableReason(value);
    return reason === undefined
      ? []
      : [{ field: path || '(body)', message: `${path || 'value'} ${reason}` }];
  }
  if (Array.isArray(value)) {
    return value.flatMap((item, index) => unstorableFields(item, join(path, String(index))));
  }
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).flatMap(([key, item]) => {
      const field = join(path, shown(key));
      const keyReason = unstorableReason(key);
      const own =
        keyReason === undefined ? [] : [{ field, message: `the field name ${keyReason}` }];
      return [...own, ...unstorableFields(item, field)];
    });
  }
  return [];
}
