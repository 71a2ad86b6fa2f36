/*
 * timeit.c - run a command several times and report its wall time and
 * peak memory.
 *
 *   timeit -n RUNS [-w WARMUP] [-x STATUS] [--stdin FILE] [--raw FILE] -- CMD ARGS...
 *   timeit -n RUNS [-w WARMUP] ... -- CMD1 ARGS... --- CMD2 ARGS...
 *
 * Each run is fork + exec of CMD with stdout on /dev/null and stdin from
 * FILE (else /dev/null); stderr is left alone. The wall time of a run is
 * taken with CLOCK_MONOTONIC around fork and wait4, and its peak resident
 * set from the rusage wait4 returns. WARMUP runs go first and are not
 * counted. Prints one line:
 *
 *   median_ms min_ms max_ms maxrss_kb
 *
 * where maxrss_kb is the largest peak of the measured runs. With two
 * commands separated by "---", runs alternate between them (warm-up runs
 * included, CMD1 first), for a pair that undoes itself (assign, unassign);
 * the figures are of all runs of both. --raw appends
 * each measured run's time in ms, one per line, to FILE, so that several
 * invocations (interleaved with other commands) can be pooled. A run that
 * exits non-zero or dies of a signal is an error: timeit stops with status 1.
 * -x STATUS (repeatable) takes that exit status as success too, for a
 * command whose status reports what it found (sla-check exits 1 when a
 * listed clock is breached).
 */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/time.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

static void usage(void)
{
	fputs("usage: timeit -n RUNS [-w WARMUP] [-x STATUS] [--stdin FILE] [--raw FILE] -- CMD ARGS... [--- CMD2 ARGS...]\n",
	      stderr);
	exit(64);
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* exit statuses that count as success besides 0 (-x) */
static int ok_status[8], nok;

/* One run: its wall time in ms and peak RSS in KiB. Exits on failure. */
static void run(char **argv, const char *in, double *ms, long *rss)
{
	struct rusage ru;
	int status;
	double t0 = now_ms();
	pid_t pid = fork();
	if (pid < 0) {
		fprintf(stderr, "timeit: fork: %s\n", strerror(errno));
		exit(1);
	}
	if (pid == 0) {
		int fd = open(in ? in : "/dev/null", O_RDONLY);
		int out = open("/dev/null", O_WRONLY);
		if (fd < 0 || out < 0 || dup2(fd, 0) < 0 || dup2(out, 1) < 0) {
			fprintf(stderr, "timeit: cannot redirect '%s': %s\n", in ? in : "/dev/null", strerror(errno));
			_exit(126);
		}
		close(fd);
		close(out);
		execvp(argv[0], argv);
		fprintf(stderr, "timeit: cannot run '%s': %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			fprintf(stderr, "timeit: wait4: %s\n", strerror(errno));
			exit(1);
		}
	}
	*ms = now_ms() - t0;
	*rss = ru.ru_maxrss;
	if (WIFSIGNALED(status)) {
		fprintf(stderr, "timeit: '%s' died of signal %d\n", argv[0], WTERMSIG(status));
		exit(1);
	}
	int ok = WEXITSTATUS(status) == 0;
	for (int i = 0; i < nok; i++)
		ok |= WEXITSTATUS(status) == ok_status[i];
	if (!ok) {
		fprintf(stderr, "timeit: '%s' exited with status %d\n", argv[0], WEXITSTATUS(status));
		exit(1);
	}
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;
	return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "stdin", required_argument, NULL, 'i' },
		{ "raw", required_argument, NULL, 'r' },
		{ NULL, 0, NULL, 0 },
	};
	long runs = 0, warmup = 0;
	const char *in = NULL, *raw = NULL;
	char *end;
	int ch;

	while ((ch = getopt_long(argc, argv, "+n:w:x:", longopts, NULL)) != -1) {
		switch (ch) {
		case 'n':
			runs = strtol(optarg, &end, 10);
			if (*end || runs <= 0 || runs > 1000000)
				usage();
			break;
		case 'w':
			warmup = strtol(optarg, &end, 10);
			if (*end || warmup < 0 || warmup > 1000000)
				usage();
			break;
		case 'x':
			if (nok == (int)(sizeof ok_status / sizeof *ok_status))
				usage();
			ok_status[nok] = (int)strtol(optarg, &end, 10);
			if (*end || ok_status[nok] <= 0 || ok_status[nok] > 255)
				usage();
			nok++;
			break;
		case 'i': in = optarg; break;
		case 'r': raw = optarg; break;
		default: usage();
		}
	}
	if (!runs || optind >= argc)
		usage();
	char **cmd[2] = { argv + optind, NULL };
	for (int i = optind; i < argc; i++)
		if (strcmp(argv[i], "---") == 0) {
			argv[i] = NULL; /* ends CMD1 */
			cmd[1] = argv + i + 1;
			if (!*cmd[1] || i == optind)
				usage();
			break;
		}
	int ncmd = cmd[1] ? 2 : 1;
	long k = 0; /* runs so far, warm-up included: which command is next */

	double *ms = malloc((size_t)runs * sizeof *ms);
	if (!ms) {
		fputs("timeit: out of memory\n", stderr);
		return 1;
	}
	long rss = 0, maxrss = 0;
	double t;
	for (long i = 0; i < warmup; i++)
		run(cmd[k++ % ncmd], in, &t, &rss);
	for (long i = 0; i < runs; i++) {
		run(cmd[k++ % ncmd], in, &ms[i], &rss);
		if (rss > maxrss)
			maxrss = rss;
	}
	if (raw) {
		FILE *fp = fopen(raw, "a");
		if (!fp) {
			fprintf(stderr, "timeit: cannot open '%s': %s\n", raw, strerror(errno));
			return 1;
		}
		for (long i = 0; i < runs; i++)
			fprintf(fp, "%.4f\n", ms[i]);
		if (fclose(fp) != 0) {
			fprintf(stderr, "timeit: cannot write '%s': %s\n", raw, strerror(errno));
			return 1;
		}
	}
	qsort(ms, (size_t)runs, sizeof *ms, cmp_double);
	double median = runs % 2 ? ms[runs / 2] : (ms[runs / 2 - 1] + ms[runs / 2]) / 2;
	printf("%.3f %.3f %.3f %ld\n", median, ms[0], ms[runs - 1], maxrss);
	free(ms);
	return 0;
}
