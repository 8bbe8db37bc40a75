"""Inspection calls (issue 4): inspect_os, inspect_get_*, and the internal
daemon call that does the heuristics in the appliance.
Procedure numbers: see api.py.  STRUCTS lists structs first needed by
this group."""

from model import *  # noqa: F401,F403

T = Test

STRUCTS = []

CALLS = []
