/*
 * kafka-raw-produce: puts records on Kafka byte for byte, with librdkafka, for the wire fuzzer.
 * kafkajs cannot send a header whose value is null (legal in Kafka); librdkafka can, and takes
 * any key, value and header bytes as they are.
 *
 *   kafka-raw-produce <bootstrap servers>
 *
 * Reads records from stdin until EOF, each (integers big-endian, a length of -1 meaning null):
 *
 *   u32 topic length, topic | i32 partition | i32 key length, key | i32 value length, value
 *   u32 header count, then per header: u32 name length, name | i32 value length, value
 *
 * and answers one line per record, in the order the broker acknowledged them:
 * "<index> <partition> <offset>" or "<index> ERR <reason>", the index counting from 0. Exits 0
 * once every record has an answer, 2 on a malformed input, 1 when the producer cannot start.
 */
#include <librdkafka/rdkafka.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int read_exact(void *buffer, size_t length) {
        return length == 0 || fread(buffer, 1, length, stdin) == length ? 0 : -1;
}

/* 1: a value read; 0: clean EOF before it; -1: EOF in the middle. */
static int read_u32(uint32_t *out, int eof_ok) {
        unsigned char b[4];
        size_t got = fread(b, 1, 4, stdin);
        if (got == 0 && eof_ok)
                return 0;
        if (got != 4)
                return -1;
        *out = ((uint32_t)b[0] << 24) | ((uint32_t)b[1] << 16) | ((uint32_t)b[2] << 8) | b[3];
        return 1;
}

/* A length-prefixed field; *out is NULL for the null length. Malloc'd, caller frees. */
static int read_field(char **out, int32_t *length) {
        uint32_t raw;
        if (read_u32(&raw, 0) != 1)
                return -1;
        *length = (int32_t)raw;
        *out = NULL;
        if (*length < 0)
                return 0;
        *out = malloc((size_t)*length + 1);
        if (*out == NULL || read_exact(*out, (size_t)*length) != 0)
                return -1;
        (*out)[*length] = '\0';
        return 0;
}

static void on_delivery(rd_kafka_t *rk, const rd_kafka_message_t *m, void *opaque) {
        (void)rk;
        (void)opaque;
        long index = (long)(intptr_t)m->_private;
        if (m->err)
                printf("%ld ERR %s\n", index, rd_kafka_err2str(m->err));
        else
                printf("%ld %d %lld\n", index, (int)m->partition, (long long)m->offset);
        fflush(stdout);
}

static int fail_input(const char *what) {
        fprintf(stderr, "kafka-raw-produce: malformed input: %s\n", what);
        return 2;
}

int main(int argc, char **argv) {
        char error[512];
        if (argc != 2) {
                fprintf(stderr, "usage: kafka-raw-produce <bootstrap servers>\n");
                return 1;
        }
        rd_kafka_conf_t *conf = rd_kafka_conf_new();
        const char *settings[][2] = {
            {"bootstrap.servers", argv[1]}, {"acks", "all"}, {"enable.idempotence", "false"},
            {"message.max.bytes", "8388608"}, {"linger.ms", "5"}, {"log_level", "3"}};
        for (size_t i = 0; i < sizeof settings / sizeof settings[0]; i++) {
                if (rd_kafka_conf_set(conf, settings[i][0], settings[i][1], error, sizeof error)) {
                        fprintf(stderr, "kafka-raw-produce: %s\n", error);
                        return 1;
                }
        }
        rd_kafka_conf_set_dr_msg_cb(conf, on_delivery);
        rd_kafka_t *producer = rd_kafka_new(RD_KAFKA_PRODUCER, conf, error, sizeof error);
        if (producer == NULL) {
                fprintf(stderr, "kafka-raw-produce: %s\n", error);
                return 1;
        }
        for (long index = 0;; index++) {
                uint32_t topic_length, header_count, partition_raw;
                int got = read_u32(&topic_length, 1);
                if (got == 0)
                        break;
                char topic[512];
                if (got < 0 || topic_length >= sizeof topic || read_exact(topic, topic_length) != 0)
                        return fail_input("topic");
                topic[topic_length] = '\0';
                if (read_u32(&partition_raw, 0) != 1)
                        return fail_input("partition");
                char *key, *value;
                int32_t key_length, value_length;
                if (read_field(&key, &key_length) != 0 || read_field(&value, &value_length) != 0)
                        return fail_input("key or value");
                if (read_u32(&header_count, 0) != 1)
                        return fail_input("header count");
                rd_kafka_headers_t *headers = rd_kafka_headers_new(header_count);
                for (uint32_t h = 0; h < header_count; h++) {
                        char *name, *header_value;
                        int32_t name_length, header_length;
                        if (read_field(&name, &name_length) != 0 || name == NULL ||
                            read_field(&header_value, &header_length) != 0)
                                return fail_input("header");
                        rd_kafka_header_add(headers, name, name_length, header_value,
                                            header_length < 0 ? 0 : header_length);
                        free(name);
                        free(header_value);
                }
                size_t key_size = key_length < 0 ? 0 : (size_t)key_length;
                size_t value_size = value_length < 0 ? 0 : (size_t)value_length;
                rd_kafka_resp_err_t err;
                for (;;) {
                        err = rd_kafka_producev(
                            producer, RD_KAFKA_V_TOPIC(topic),
                            RD_KAFKA_V_PARTITION((int32_t)partition_raw),
                            RD_KAFKA_V_MSGFLAGS(RD_KAFKA_MSG_F_COPY),
                            RD_KAFKA_V_KEY(key, key_size),
                            RD_KAFKA_V_VALUE(value, value_size),
                            RD_KAFKA_V_HEADERS(headers), RD_KAFKA_V_OPAQUE((void *)(intptr_t)index),
                            RD_KAFKA_V_END);
                        if (err != RD_KAFKA_RESP_ERR__QUEUE_FULL)
                                break;
                        rd_kafka_poll(producer, 100);
                }
                if (err) {
                        rd_kafka_headers_destroy(headers);
                        printf("%ld ERR %s\n", index, rd_kafka_err2str(err));
                        fflush(stdout);
                }
                free(key);
                free(value);
                rd_kafka_poll(producer, 0);
        }
        while (rd_kafka_outq_len(producer) > 0)
                rd_kafka_flush(producer, 1000);
        rd_kafka_destroy(producer);
        return 0;
}
