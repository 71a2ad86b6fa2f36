/* desk.h - the public API of libdesk, the library under every deskutils command. */
#ifndef DESK_H
#define DESK_H

#include "desk/core.h"
#include "desk/config.h"
#include "desk/db.h"
#include "desk/time.h"
#include "desk/utf8.h"
#include "desk/output.h"
#include "desk/ids.h"
#include "desk/event.h"
#include "desk/ticket.h"
#include "desk/filter.h"
#include "desk/agent.h"
#include "desk/tokenize.h"
#include "desk/kb.h"
#include "desk/files.h"
#include "desk/customer.h"
#include "desk/frontmatter.h"
#include "desk/tz.h"
#include "desk/policy.h"
#include "desk/calendar.h"
#include "desk/sha256.h"
#include "desk/textdiff.h"
#include "desk/sla.h"

#endif
