/* ticket-reopen - the short form of ticket-update -s open; see cli_status_command. */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_status_command(argc, argv, "ticket-reopen", "Reopen solved, pending or on-hold tickets.",
				  "open");
}
