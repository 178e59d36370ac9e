-- Dead letters and parked events keep the record exactly as it arrived: key and value as
-- bytes (a body may be binary, hold NUL or be a Kafka null), headers as a jsonb array of
-- [name, base64 value or null] in the order received (duplicates and null values kept).
-- Rows from before were text: their bytes are that text's UTF-8. message_key stays, as the
-- subject to filter on (null when the key is not text).
ALTER TABLE dead_letters
  ADD COLUMN record_key      bytea,
  ADD COLUMN record_value    bytea,
  ADD COLUMN record_headers  jsonb NOT NULL DEFAULT '[]';
ALTER TABLE parked_events
  ADD COLUMN record_key      bytea,
  ADD COLUMN record_value    bytea,
  ADD COLUMN record_headers  jsonb NOT NULL DEFAULT '[]';

-- encode(..., 'base64') breaks lines every 76 characters; the stored form has none.
UPDATE dead_letters SET
  record_key = convert_to(message_key, 'UTF8'),
  record_value = convert_to(payload, 'UTF8'),
  record_headers = COALESCE(
    (SELECT jsonb_agg(jsonb_build_array(h.key,
              translate(encode(convert_to(h.value, 'UTF8'), 'base64'), E'\n', '')) ORDER BY h.key)
       FROM jsonb_each_text(headers) AS h),
    '[]');
UPDATE parked_events SET
  record_key = convert_to(message_key, 'UTF8'),
  record_value = convert_to(payload, 'UTF8'),
  record_headers = COALESCE(
    (SELECT jsonb_agg(jsonb_build_array(h.key,
              translate(encode(convert_to(h.value, 'UTF8'), 'base64'), E'\n', '')) ORDER BY h.key)
       FROM jsonb_each_text(headers) AS h),
    '[]');

ALTER TABLE dead_letters DROP COLUMN headers, DROP COLUMN payload;
ALTER TABLE parked_events DROP COLUMN headers, DROP COLUMN payload;
ALTER TABLE parked_events ALTER COLUMN record_value SET NOT NULL;
