#!/usr/bin/env python3
"""Runs rpcgen (-h or -c) to stdout and writes OUTPUT, replacing it if it
exists (rpcgen -o refuses to), with the include of "guestfs_protocol.h"
by its bare name (rpcgen would write the input's directory into it).

Usage: rpcgen-wrap.py RPCGEN -h|-c INPUT.x OUTPUT
"""
import re
import subprocess
import sys

rpcgen, mode, src, out = sys.argv[1:5]
code = subprocess.run([rpcgen, mode, src], check=True, capture_output=True,
                      text=True).stdout
code = re.sub(r'#include ".*guestfs_protocol\.h"', '#include "guestfs_protocol.h"', code)
with open(out, "w") as f:
    f.write(code)
