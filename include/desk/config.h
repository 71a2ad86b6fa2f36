/*
 * config.h - the personal YAML configuration file (see desk.yaml(5)): which
 * database, how long to wait for its lock, defaults for what one agent
 * types. What the team decides lives in the team policy (policy.h).
 */
#ifndef DESK_CONFIG_H
#define DESK_CONFIG_H

#include "desk/core.h"

struct desk_config {
	char *path;             /* the file loaded, NULL when built-in defaults */
	char *database;         /* database: (absolute, ~ expanded), or NULL */
	long busy_timeout;      /* busy_timeout: milliseconds a writer waits for the lock */
	char *default_priority; /* defaults.priority for new tickets */
	char *default_channel;  /* defaults.channel */
	char *default_type;     /* defaults.type */
};

/*
 * Load the configuration: `path` if not NULL, else $DESK_CONFIG, else
 * $XDG_CONFIG_HOME/deskutils/desk.yaml (~/.config/...), else
 * /etc/deskutils/desk.yaml; built-in defaults when none exists. Replaces
 * d->cfg (owned by d) and applies busy_timeout to d.
 * Errors: EX_CONFIG with "FILE:LINE: key 'K': what is wrong". Unknown keys
 * are warnings (desk_warn).
 */
int desk_config_load(struct desk *d, const char *path);

/* Load from a YAML string (tests); name is used in messages. */
int desk_config_load_string(struct desk *d, const char *name, const char *yaml, size_t len);

/* The database path from the config, or NULL. */
const char *desk_config_database(const struct desk_config *c);

/* Free a configuration. */
void desk_config_free(struct desk_config *c);

#endif
