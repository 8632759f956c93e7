"""CLI subcommands, one module each.

Every module defines ``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``.
A command is listed in :data:`COMMANDS` (and so in ``eventplan --help``) only once it works.
"""
