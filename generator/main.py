#!/usr/bin/env python3
"""guestferry's generator: writes every generated file into OUTDIR.

Usage: main.py OUTDIR PROTOCOL_FIXED_X
"""

import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import emit_daemon  # noqa: E402
import emit_fish  # noqa: E402
import emit_header  # noqa: E402
import emit_lib  # noqa: E402
import emit_man  # noqa: E402
import emit_protocol  # noqa: E402
import emit_tests  # noqa: E402


def main():
    out, fixed = sys.argv[1], sys.argv[2]
    j = lambda name: os.path.join(out, name)  # noqa: E731
    emit_header.emit(j("guestfs.h"))
    emit_protocol.emit(j("guestfs_protocol.x"), fixed)
    emit_lib.emit_impl_header(j("actions-gen.h"))
    emit_lib.emit_actions(j("actions-gen.c"))
    emit_lib.emit_structs(j("structs-gen.c"))
    emit_lib.emit_syms(j("libguestfs.syms"))
    emit_daemon.emit_actions_h(j("daemon-actions-gen.h"))
    emit_daemon.emit_dispatch(j("dispatch-gen.c"))
    emit_fish.emit_cmds(j("cmds-gen.c"), j("cmds-gen.h"))
    emit_man.emit(j("guestfs-api.3"))
    emit_tests.emit(j("api-tests-gen.c"))


if __name__ == "__main__":
    main()
