-- One database per service (docker-entrypoint-initdb.d runs this on an empty volume only).
CREATE DATABASE eventmart_user;
CREATE DATABASE eventmart_inventory;
CREATE DATABASE eventmart_order;
CREATE DATABASE eventmart_fulfillment;
CREATE DATABASE eventmart_notification;
CREATE DATABASE eventmart_payment;
