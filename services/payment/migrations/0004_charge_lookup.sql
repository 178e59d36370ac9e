-- A charge that got no answer in time has an unknown outcome: the provider may still complete
-- it. The payment stays CHARGING with this flag, and the poller looks the charge up by its
-- idempotency key; only if the provider charged nothing is the payment TIMED_OUT.
ALTER TABLE payments ADD COLUMN call_timed_out boolean NOT NULL DEFAULT false;
