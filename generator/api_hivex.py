"""The hivex_* calls (issue 4): Windows registry hives through libhivex
in the appliance.
Procedure numbers: see api.py.  STRUCTS lists structs first needed by
this group."""

from model import *  # noqa: F401,F403

T = Test

STRUCTS = []

CALLS = []
