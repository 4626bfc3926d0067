/*
 * The libxlutil side of the whole-process comparison: reads FILE and parses
 * it with xl's own config parser (xlu_cfg_readdata), nothing else (no JSON,
 * no output), then exits. Exit status 1 when libxlu rejects the file.
 */
#include <stdio.h>
#include <stdlib.h>
#include <libxlutil.h>

int main(int argc, char **argv) {
    if (argc != 2) return 2;
    FILE *f = fopen(argv[1], "rb");
    if (!f) { perror(argv[1]); return 2; }
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    if (!data || fread(data, 1, (size_t)n, f) != (size_t)n) return 2;
    fclose(f);
    XLU_Config *cfg = xlu_cfg_init(stderr, argv[1]);
    int rc = xlu_cfg_readdata(cfg, data, (int)n);
    xlu_cfg_destroy(cfg);
    free(data);
    return rc ? 1 : 0;
}
