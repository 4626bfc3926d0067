/*
 * Oracle for xlcfg's parser: runs Xen's own config parser (libxlutil, from
 * Debian's libxen-dev) on documents and prints what it concludes, one JSON
 * object per line.
 *
 * Input (stdin): a sequence of documents, each as a decimal byte length, a
 * newline, then exactly that many bytes.
 * Output (stdout), per document:
 *   {"rc":N,"crashed":false,"report":"HEX","settings":[{"name":"HEX","op":"=","line":N,"value":V},...]}
 * where V is "HEX" for a single value and [V,...] for a list, settings are in
 * file order, and "report" is everything libxlu printed (hex-encoded bytes).
 * A document holding a NUL byte is parsed in a child process, because libxlu
 * aborts on a NUL inside a string; such a document gives {"crashed":true}.
 * Other documents are parsed in-process (nothing else is known to crash it).
 *
 * With --bench N FILE: parses FILE N times in-process and prints the best and
 * median wall-clock time of one parse in nanoseconds, as JSON.
 *
 * Only public libxlutil functions are used, except for walking the stored
 * settings in order, for which the layout of libxlu's (4.17) private structs
 * is declared below.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <libxlutil.h>

struct oracle_setting {
    struct oracle_setting *next;
    char *name;
    XLU_ConfigValue *value;
    enum XLU_Operation op;
    int lineno;
};

struct oracle_config {
    struct oracle_setting *settings;
    FILE *report;
    char *config_source;
};

static void put_hex(FILE *out, const char *s, size_t n) {
    static const char digits[] = "0123456789abcdef";
    char buf[4096];
    size_t k = 0;
    fputc('"', out);
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        buf[k++] = digits[c >> 4];
        buf[k++] = digits[c & 15];
        if (k == sizeof(buf)) {
            fwrite(buf, 1, k, out);
            k = 0;
        }
    }
    fwrite(buf, 1, k, out);
    fputc('"', out);
}

static void put_value(FILE *out, XLU_Config *cfg, XLU_ConfigValue *v) {
    if (xlu_cfg_value_type(v) == XLU_STRING) {
        char *s = NULL;
        xlu_cfg_value_get_string(cfg, v, &s, 1);
        put_hex(out, s, strlen(s));
        return;
    }
    XLU_ConfigList *list = NULL;
    xlu_cfg_value_get_list(cfg, v, &list, 1);
    fputc('[', out);
    for (int i = 0;; i++) {
        XLU_ConfigValue *item = xlu_cfg_get_listitem2(list, i);
        if (!item) break;
        if (i) fputc(',', out);
        put_value(out, cfg, item);
    }
    fputc(']', out);
}

static void put_settings(FILE *out, XLU_Config *cfg, struct oracle_setting *s) {
    /* libxlu keeps the newest first: recurse to print in file order. */
    if (!s) return;
    int first = s->next == NULL;
    put_settings(out, cfg, s->next);
    if (!first) fputc(',', out);
    fputs("{\"name\":", out);
    put_hex(out, s->name, strlen(s->name));
    fprintf(out, ",\"op\":\"%s\",\"line\":%d,\"value\":", s->op == XLU_OP_ADDITION ? "+=" : "=", s->lineno);
    put_value(out, cfg, s->value);
    fputc('}', out);
}

static void parse_one(const char *data, size_t len) {
    char *report_buf = NULL, *out_buf = NULL;
    size_t report_len = 0, out_len = 0;
    FILE *report = open_memstream(&report_buf, &report_len);
    FILE *out = open_memstream(&out_buf, &out_len);
    XLU_Config *cfg = xlu_cfg_init(report, "FILE");
    int rc = xlu_cfg_readdata(cfg, data, (int)len);
    fflush(report);
    fprintf(out, "{\"rc\":%d,\"crashed\":false,\"report\":", rc);
    put_hex(out, report_buf, report_len);
    fputs(",\"settings\":[", out);
    put_settings(out, cfg, ((struct oracle_config *)cfg)->settings);
    fputs("]}\n", out);
    fclose(out);
    fwrite(out_buf, 1, out_len, stdout);
    xlu_cfg_destroy(cfg);
    fclose(report);
    free(report_buf);
    free(out_buf);
}

static char *read_all(FILE *f, size_t *len) {
    size_t cap = 1 << 16, n = 0;
    char *buf = malloc(cap);
    size_t got;
    while ((got = fread(buf + n, 1, cap - n, f)) > 0) {
        n += got;
        if (n == cap) buf = realloc(buf, cap *= 2);
    }
    *len = n;
    return buf;
}

static long long now_ns(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static int cmp_ll(const void *a, const void *b) {
    long long x = *(const long long *)a, y = *(const long long *)b;
    return x < y ? -1 : x > y;
}

static int bench(int runs, const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) { perror(path); return 1; }
    size_t len;
    char *data = read_all(f, &len);
    fclose(f);
    long long *times = calloc((size_t)runs, sizeof(*times));
    FILE *sink = fopen("/dev/null", "w");
    int rc = 0;
    for (int i = 0; i < runs; i++) {
        long long t0 = now_ns();
        XLU_Config *cfg = xlu_cfg_init(sink, "FILE");
        rc = xlu_cfg_readdata(cfg, data, (int)len);
        xlu_cfg_destroy(cfg);
        times[i] = now_ns() - t0;
    }
    qsort(times, (size_t)runs, sizeof(*times), cmp_ll);
    printf("{\"bytes\":%zu,\"runs\":%d,\"rc\":%d,\"best_ns\":%lld,\"median_ns\":%lld}\n", len, runs, rc, times[0], times[runs / 2]);
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 4 && !strcmp(argv[1], "--bench")) return bench(atoi(argv[2]), argv[3]);
    /* Documents are read one at a time, so that the process stays small and fork() stays cheap. */
    size_t cap = 1 << 16;
    char *doc = malloc(cap);
    unsigned long len;
    int c;
    while (scanf("%lu", &len) == 1) {
        if ((c = getchar()) != '\n') {
            fprintf(stderr, "libxlu-oracle: malformed input\n");
            return 2;
        }
        if (len + 1 > cap) {
            while (len + 1 > cap) cap *= 2;
            doc = realloc(doc, cap);
        }
        if (fread(doc, 1, len, stdin) != len) {
            fprintf(stderr, "libxlu-oracle: truncated input\n");
            return 2;
        }
        if (!memchr(doc, 0, len)) {
            parse_one(doc, len);
            continue;
        }
        fflush(stdout);
        pid_t pid = fork();
        if (pid < 0) { perror("fork"); return 2; }
        if (pid == 0) {
            /* libxlu's assertion message is expected here: keep stderr quiet. */
            if (!freopen("/dev/null", "w", stderr)) _exit(3);
            parse_one(doc, len);
            fflush(stdout);
            _exit(0);
        }
        int status;
        while (waitpid(pid, &status, 0) < 0 && errno == EINTR) {}
        if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
            printf("{\"crashed\":true}\n");
        }
    }
    fflush(stdout);
    return 0;
}
