/* ticket-close - the short form of ticket-update -s closed; see cli_status_command. */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_status_command(argc, argv, "ticket-close",
				  "Close tickets (solving them first when they are not solved); closed is final.",
				  "closed");
}
