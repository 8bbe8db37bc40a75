"""Installed-application listing (issue 4): inspect_list_applications(2)
and its internal daemon call.
Procedure numbers: see api.py.  STRUCTS lists structs first needed by
this group."""

from model import *  # noqa: F401,F403

T = Test

STRUCTS = []

CALLS = []
