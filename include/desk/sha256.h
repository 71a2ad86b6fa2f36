/* sha256.h - SHA-256 (FIPS 180-4), for the checksums of stored documents. */
#ifndef DESK_SHA256_H
#define DESK_SHA256_H

#include <stddef.h>
#include <stdint.h>

struct desk_sha256 {
	uint32_t h[8];
	uint64_t len;          /* bytes hashed so far */
	unsigned char buf[64];
	size_t nbuf;
};

void desk_sha256_init(struct desk_sha256 *s);
void desk_sha256_update(struct desk_sha256 *s, const void *data, size_t len);
/* The digest as 64 lowercase hex digits and a NUL. */
void desk_sha256_final(struct desk_sha256 *s, char hex[65]);

/* Hex SHA-256 of data[0..len) into hex (65 bytes). Allocates nothing. */
void desk_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
