/*
 * sha256.h - SHA-256 (FIPS 180-4), for the checksums of stored documents
 * (the policy versions keep the digest of their text).
 *
 * None of these functions allocates: the state lives wherever the caller
 * puts it, and the digest goes into the caller's 65 bytes.
 */
#ifndef DESK_SHA256_H
#define DESK_SHA256_H

#include <stddef.h>
#include <stdint.h>

/* The state of a digest being computed; fields are private. */
struct desk_sha256 {
	uint32_t h[8];
	uint64_t len;          /* bytes hashed so far */
	unsigned char buf[64]; /* a block not yet full */
	size_t nbuf;
};

/* Start a digest in s. */
void desk_sha256_init(struct desk_sha256 *s);

/* Add data[0..len) to the digest (any number of calls, any lengths). */
void desk_sha256_update(struct desk_sha256 *s, const void *data, size_t len);

/* Finish: hex gets 64 lowercase hex digits and a NUL. s is used up; start
 * again with desk_sha256_init. */
void desk_sha256_final(struct desk_sha256 *s, char hex[65]);

/* Hex SHA-256 of data[0..len) into hex (65 bytes: 64 digits and a NUL). */
void desk_sha256_hex(const void *data, size_t len, char hex[65]);

#endif
