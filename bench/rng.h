/*
 * rng.h - the generators' random numbers: xoshiro256** seeded by
 * splitmix64, and draws built on it. Deterministic for a seed, so a
 * generated desk depends only on the seed, "now" and the time zone.
 */
#ifndef BENCH_RNG_H
#define BENCH_RNG_H

#include <math.h>
#include <stdint.h>


struct rng {
	uint64_t s[4];
};

static inline uint64_t splitmix(uint64_t *x)
{
	uint64_t z = (*x += 0x9e3779b97f4a7c15ULL);
	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static inline void rng_seed(struct rng *r, uint64_t seed)
{
	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix(&seed);
}

static inline uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

/* xoshiro256** */
static inline uint64_t next(struct rng *r)
{
	uint64_t *s = r->s;
	uint64_t res = rotl(s[1] * 5, 7) * 9, t = s[1] << 17;
	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return res;
}

static inline double unif(struct rng *r)
{
	return (double)(next(r) >> 11) * 0x1.0p-53;
}

static inline uint32_t below(struct rng *r, uint32_t n)
{
	return (uint32_t)(((next(r) >> 32) * (uint64_t)n) >> 32);
}

static inline int chance(struct rng *r, double p)
{
	return unif(r) < p;
}

static inline double expo(struct rng *r, double mean)
{
	return -mean * log(1.0 - unif(r));
}

static inline double gauss(struct rng *r)
{
	double u1 = 1.0 - unif(r), u2 = unif(r);
	return sqrt(-2.0 * log(u1)) * cos(6.283185307179586 * u2);
}

static inline double lognorm(struct rng *r, double median, double sigma)
{
	return median * exp(sigma * gauss(r));
}

/* An index drawn with the given integer weights. */
static inline int pick(struct rng *r, const int *w, int n)
{
	int total = 0;
	for (int i = 0; i < n; i++)
		total += w[i];
	int x = (int)below(r, (uint32_t)total);
	for (int i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

#define NELEM(a) ((int)(sizeof(a) / sizeof((a)[0])))
#define PICK(r, a) ((a)[below((r), (uint32_t)NELEM(a))])

#endif
