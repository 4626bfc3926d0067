/*
 * Oracle for xlcfg's device spec readers: runs libxlutil's own spec parsers
 * (Debian's libxen-dev) on spec strings and prints what they made of them,
 * one JSON object per line.
 *
 * Input (stdin): records, each "MODE LENGTH\n" followed by exactly LENGTH
 * bytes of spec text. MODE is one of
 *   d  xlu_disk_parse (one spec)
 *   p  xlu_pci_parse_spec_string
 *   r  xlu_rdm_parse
 *   v  xlu_vif_parse_rate
 * Output (stdout), per record:
 *   {"exit":N,"stderr":"HEX","out":{"rc":N,...fields...}}
 * Each record is parsed in a child process whose stderr is libxlutil's
 * report stream (the disk scanner can exit the process, "flex scanner
 * jammed"): "exit" is the child's exit status, "stderr" everything it
 * printed (hex), "out" what the parser filled in (null when the child did
 * not get to print it). Strings are hex (null when unset); enums are
 * libxl's names.
 */
#define _GNU_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <libxl.h>
#include <libxlutil.h>

static void put_hex(FILE *out, const char *s) {
    static const char digits[] = "0123456789abcdef";
    if (!s) {
        fputs("null", out);
        return;
    }
    fputc('"', out);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        fputc(digits[*p >> 4], out);
        fputc(digits[*p & 15], out);
    }
    fputc('"', out);
}

static void put_defbool(FILE *out, const char *name, libxl_defbool b) {
    fprintf(out, ",\"%s\":\"%s\"", name, libxl_defbool_is_default(b) ? "default" : libxl_defbool_val(b) ? "True" : "False");
}

static void put_str(FILE *out, const char *name, const char *s) {
    fprintf(out, ",\"%s\":", name);
    put_hex(out, s);
}

static void put_enum(FILE *out, const char *name, const char *s) {
    fprintf(out, ",\"%s\":", name);
    if (s) fprintf(out, "\"%s\"", s);
    else fputs("null", out);
}

static void disk(FILE *out, XLU_Config *cfg, const char *spec) {
    libxl_device_disk d;
    libxl_device_disk_init(&d);
    const char *specs[1] = { spec };
    int rc = xlu_disk_parse(cfg, 1, specs, &d);
    fprintf(out, "{\"rc\":%d", rc);
    put_str(out, "backend_domname", d.backend_domname);
    put_str(out, "pdev_path", d.pdev_path);
    put_str(out, "vdev", d.vdev);
    put_enum(out, "backend", libxl_disk_backend_to_string(d.backend));
    put_enum(out, "format", libxl_disk_format_to_string(d.format));
    put_str(out, "script", d.script);
    fprintf(out, ",\"removable\":%d,\"readwrite\":%d,\"is_cdrom\":%d,\"direct_io_safe\":%s", d.removable, d.readwrite, d.is_cdrom, d.direct_io_safe ? "true" : "false");
    put_defbool(out, "discard_enable", d.discard_enable);
    put_enum(out, "specification", libxl_disk_specification_to_string(d.specification));
    put_defbool(out, "colo_enable", d.colo_enable);
    put_defbool(out, "colo_restore_enable", d.colo_restore_enable);
    put_str(out, "colo_host", d.colo_host);
    fprintf(out, ",\"colo_port\":%d", d.colo_port);
    put_str(out, "colo_export", d.colo_export);
    put_str(out, "active_disk", d.active_disk);
    put_str(out, "hidden_disk", d.hidden_disk);
    put_defbool(out, "trusted", d.trusted);
    libxl_device_disk_dispose(&d);
}

static void pci(FILE *out, XLU_Config *cfg, const char *spec) {
    libxl_device_pci p;
    libxl_device_pci_init(&p);
    int rc = xlu_pci_parse_spec_string(cfg, &p, spec);
    fprintf(out, "{\"rc\":%d,\"domain\":%d,\"bus\":%u,\"dev\":%u,\"func\":%u,\"vdevfn\":%u,\"vfunc_mask\":%u", rc, p.domain, p.bus, p.dev, p.func, p.vdevfn, p.vfunc_mask);
    fprintf(out, ",\"msitranslate\":%s,\"power_mgmt\":%s,\"permissive\":%s,\"seize\":%s", p.msitranslate ? "true" : "false", p.power_mgmt ? "true" : "false", p.permissive ? "true" : "false", p.seize ? "true" : "false");
    put_enum(out, "rdm_policy", libxl_rdm_reserve_policy_to_string(p.rdm_policy));
    put_str(out, "name", p.name);
    libxl_device_pci_dispose(&p);
}

static void rdm(FILE *out, XLU_Config *cfg, const char *spec) {
    /* xl passes an uninitialised struct: mark it to see which fields the parser sets. */
    libxl_rdm_reserve r;
    r.strategy = 77;
    r.policy = 77;
    int rc = xlu_rdm_parse(cfg, &r, spec);
    fprintf(out, "{\"rc\":%d,\"strategy\":%d,\"policy\":%d", rc, (int)r.strategy, (int)r.policy);
}

static void rate(FILE *out, XLU_Config *cfg, const char *spec) {
    libxl_device_nic n;
    libxl_device_nic_init(&n);
    int rc = xlu_vif_parse_rate(cfg, spec, &n);
    fprintf(out, "{\"rc\":%d,\"rate_bytes_per_interval\":%llu,\"rate_interval_usecs\":%u", rc, (unsigned long long)n.rate_bytes_per_interval, n.rate_interval_usecs);
    libxl_device_nic_dispose(&n);
}

static void parse_record(char mode, const char *spec) {
    setvbuf(stderr, NULL, _IONBF, 0);
    XLU_Config *cfg = xlu_cfg_init(stderr, "FILE");
    switch (mode) {
    case 'd': disk(stdout, cfg, spec); break;
    case 'p': pci(stdout, cfg, spec); break;
    case 'r': rdm(stdout, cfg, spec); break;
    case 'v': rate(stdout, cfg, spec); break;
    default: exit(3);
    }
    fputs("}", stdout);
    fflush(stdout);
    xlu_cfg_destroy(cfg);
}

static char *read_fd(int fd) {
    size_t cap = 4096, n = 0;
    char *buf = malloc(cap);
    ssize_t k;
    while ((k = read(fd, buf + n, cap - n - 1)) > 0) {
        n += (size_t)k;
        if (n + 1 == cap) buf = realloc(buf, cap *= 2);
    }
    buf[n] = 0;
    return buf;
}

int main(void) {
    char mode;
    size_t len;
    while (scanf(" %c %zu", &mode, &len) == 2) {
        if (getchar() != '\n') return 2;
        char *spec = malloc(len + 1);
        if (fread(spec, 1, len, stdin) != len) return 2;
        spec[len] = 0;
        int outp[2], errp[2];
        if (pipe(outp) || pipe(errp)) return 2;
        fflush(stdout);
        pid_t pid = fork();
        if (pid == 0) {
            dup2(outp[1], 1);
            dup2(errp[1], 2);
            close(outp[0]);
            close(errp[0]);
            parse_record(mode, spec);
            _exit(0);
        }
        close(outp[1]);
        close(errp[1]);
        /* The child's answers are small: read its stdout, then its stderr. */
        char *o = read_fd(outp[0]);
        char *e = read_fd(errp[0]);
        close(outp[0]);
        close(errp[0]);
        int status = 0;
        waitpid(pid, &status, 0);
        printf("{\"exit\":%d,\"stderr\":", WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status));
        put_hex(stdout, e);
        printf(",\"out\":%s}\n", *o ? o : "null");
        free(o);
        free(e);
        free(spec);
    }
    return 0;
}
