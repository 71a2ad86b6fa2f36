/* ticket-reply - see ticket-reply(1); the shared body is cli_message_command. */
#include "cli.h"

int main(int argc, char **argv)
{
	return cli_message_command(argc, argv, DESK_MSG_REPLY);
}
