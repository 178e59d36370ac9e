/*
 * kafka-mock: librdkafka's mock Kafka cluster as a process that tests drive over stdin.
 *
 *   kafka-mock [--brokers N]
 *
 * Prints "BOOTSTRAP host:port,..." and "READY", then answers one line per command with
 * "OK ..." or "ERR <reason>":
 *
 *   create-topic <name> <partitions> [replication]
 *   broker-down <id>        (connections to it close and new ones are refused; leaders stay)
 *   broker-up <id>
 *   quit
 *
 * Exits, tearing the cluster down, on quit, stdin EOF (the test process went away) or SIGTERM.
 * Everything lives in this process's memory: a restart starts an empty cluster.
 * KAFKA_MOCK_DEBUG=mock (any librdkafka debug context list) logs the cluster's doings on stderr.
 */
#include <errno.h>
#include <librdkafka/rdkafka.h>
#include <librdkafka/rdkafka_mock.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static volatile sig_atomic_t stop_requested = 0;

static void on_signal(int signo) {
        (void)signo;
        stop_requested = 1;
}

/* Strict decimal parse: the whole token, within [min, max]. */
static int parse_int(const char *text, long min, long max, long *out) {
        char *end;
        long value;

        if (text == NULL || *text == '\0')
                return -1;
        errno = 0;
        value = strtol(text, &end, 10);
        if (errno != 0 || *end != '\0' || value < min || value > max)
                return -1;
        *out = value;
        return 0;
}

static void reply_err(const char *reason) {
        printf("ERR %s\n", reason);
}

static void reply_result(rd_kafka_resp_err_t err, const char *what) {
        if (err == RD_KAFKA_RESP_ERR_NO_ERROR)
                printf("OK %s\n", what);
        else
                printf("ERR %s: %s\n", rd_kafka_err2name(err), rd_kafka_err2str(err));
}

static void create_topic(rd_kafka_mock_cluster_t *cluster, int brokers, char *args) {
        char *name       = strtok(args, " \t");
        char *partitions = strtok(NULL, " \t");
        char *replicas   = strtok(NULL, " \t");
        long partition_count, replication = brokers < 3 ? brokers : 3;
        char what[400];

        if (name == NULL || parse_int(partitions, 1, 10000, &partition_count) != 0) {
                reply_err("usage: create-topic <name> <partitions> [replication]");
                return;
        }
        if (replicas != NULL && parse_int(replicas, 1, brokers, &replication) != 0) {
                reply_err("replication must be between 1 and the number of brokers");
                return;
        }
        snprintf(what, sizeof(what), "created %s %ld %ld", name, partition_count, replication);
        reply_result(rd_kafka_mock_topic_create(cluster, name, (int)partition_count,
                                                (int)replication),
                     what);
}

static void set_broker(rd_kafka_mock_cluster_t *cluster, int brokers, char *args, int up) {
        char *id_text = strtok(args, " \t");
        long id;
        char what[64];

        if (parse_int(id_text, 1, brokers, &id) != 0) {
                reply_err("usage: broker-down|broker-up <id>, ids start at 1");
                return;
        }
        snprintf(what, sizeof(what), "broker %ld %s", id, up ? "up" : "down");
        reply_result(up ? rd_kafka_mock_broker_set_up(cluster, (int32_t)id)
                        : rd_kafka_mock_broker_set_down(cluster, (int32_t)id),
                     what);
}

/* Runs one command line; returns 0 when the helper should exit. */
static int run_command(rd_kafka_mock_cluster_t *cluster, int brokers, char *line) {
        char none[]   = "";
        char *command = strtok(line, " \t");
        char *rest    = strtok(NULL, "");

        if (rest == NULL)
                rest = none; /* the commands' own strtok must not resume this one */

        if (command == NULL)
                reply_err("empty command");
        else if (strcmp(command, "create-topic") == 0)
                create_topic(cluster, brokers, rest);
        else if (strcmp(command, "broker-down") == 0)
                set_broker(cluster, brokers, rest, 0);
        else if (strcmp(command, "broker-up") == 0)
                set_broker(cluster, brokers, rest, 1);
        else if (strcmp(command, "quit") == 0) {
                printf("OK bye\n");
                return 0;
        } else
                reply_err("unknown command; expected create-topic, broker-down, broker-up or quit");
        return 1;
}

int main(int argc, char **argv) {
        long brokers = 3;
        char errstr[512];
        char line[1024];
        const char *debug;
        struct sigaction action;
        sigset_t stop_signals;
        rd_kafka_conf_t *conf;
        rd_kafka_t *rk;
        rd_kafka_mock_cluster_t *cluster;

        for (int i = 1; i < argc; i++) {
                if (strcmp(argv[i], "--brokers") == 0 && i + 1 < argc &&
                    parse_int(argv[i + 1], 1, 64, &brokers) == 0) {
                        i++;
                } else {
                        fprintf(stderr, "usage: %s [--brokers N], N from 1 to 64\n", argv[0]);
                        return 2;
                }
        }

        /* No SA_RESTART: a SIGTERM interrupts the blocking read of stdin, so the loop ends. */
        memset(&action, 0, sizeof(action));
        action.sa_handler = on_signal;
        sigemptyset(&action.sa_mask);
        sigaction(SIGTERM, &action, NULL);
        sigaction(SIGINT, &action, NULL);
        /* A test runner that went away must not kill us mid-reply with SIGPIPE. */
        signal(SIGPIPE, SIG_IGN);
        /* librdkafka's threads inherit this mask: the signals reach the thread reading stdin. */
        sigemptyset(&stop_signals);
        sigaddset(&stop_signals, SIGTERM);
        sigaddset(&stop_signals, SIGINT);
        pthread_sigmask(SIG_BLOCK, &stop_signals, NULL);

        /* The mock cluster needs a client handle for its bookkeeping; it never connects. */
        conf = rd_kafka_conf_new();
        debug = getenv("KAFKA_MOCK_DEBUG");
        if (rd_kafka_conf_set(conf, "log_level", debug ? "7" : "3", errstr, sizeof(errstr)) !=
                RD_KAFKA_CONF_OK ||
            (debug && rd_kafka_conf_set(conf, "debug", debug, errstr, sizeof(errstr)) !=
                          RD_KAFKA_CONF_OK)) {
                fprintf(stderr, "kafka-mock: %s\n", errstr);
                return 1;
        }
        rk = rd_kafka_new(RD_KAFKA_PRODUCER, conf, errstr, sizeof(errstr));
        if (rk == NULL) {
                fprintf(stderr, "kafka-mock: cannot create a client handle: %s\n", errstr);
                return 1;
        }
        cluster = rd_kafka_mock_cluster_new(rk, (int)brokers);
        if (cluster == NULL) {
                fprintf(stderr, "kafka-mock: cannot start a mock cluster\n");
                rd_kafka_destroy(rk);
                return 1;
        }

        pthread_sigmask(SIG_UNBLOCK, &stop_signals, NULL);
        setvbuf(stdout, NULL, _IOLBF, 0);
        printf("BOOTSTRAP %s\n", rd_kafka_mock_cluster_bootstraps(cluster));
        printf("READY\n");

        while (!stop_requested && fgets(line, sizeof(line), stdin) != NULL) {
                size_t length = strlen(line);
                if (length > 0 && line[length - 1] != '\n' && !feof(stdin)) {
                        int c;
                        while ((c = getchar()) != '\n' && c != EOF)
                                ; /* drop the rest of an overlong line */
                        reply_err("command line too long");
                        continue;
                }
                line[strcspn(line, "\r\n")] = '\0';
                if (!run_command(cluster, (int)brokers, line))
                        break;
        }

        rd_kafka_mock_cluster_destroy(cluster);
        rd_kafka_destroy(rk);
        return 0;
}
