"""The API data model: argument, return and struct-field types, calls, structs.

Every API call is declared once (api_*.py) as a Call; every emitter reads
these objects and nothing else.
"""

from dataclasses import dataclass, field
from typing import List, Optional, Tuple


# ---- argument types -------------------------------------------------------

@dataclass(frozen=True)
class Arg:
    kind: str          # String, Device, Mountable, Pathname, ... (see ARG_KINDS)
    name: str


ARG_KINDS = {
    # kind: (C parameter type, is a string on the wire)
    "String": "const char *",
    "Device": "const char *",
    "Mountable": "const char *",
    "Pathname": "const char *",
    "Dev_or_Path": "const char *",
    "Mountable_or_Path": "const char *",
    "OptString": "const char *",
    "Key": "const char *",
    "GUID": "const char *",
    "Filename": "const char *",
    "FileIn": "const char *",
    "FileOut": "const char *",
    "StringList": "char *const *",
    "DeviceList": "char *const *",
    "Bool": "int",
    "Int": "int",
    "Int64": "int64_t",
    "BufferIn": None,  # two parameters: const char *NAME, size_t NAME_size
}

STRINGY = {"String", "Device", "Mountable", "Pathname", "Dev_or_Path",
           "Mountable_or_Path", "Key", "GUID", "Filename", "FileIn", "FileOut"}
LISTY = {"StringList", "DeviceList"}


def _mk(kind):
    def make(name):
        assert kind in ARG_KINDS, kind
        return Arg(kind, name)
    return make


String = _mk("String")
Device = _mk("Device")
Mountable = _mk("Mountable")
Pathname = _mk("Pathname")
Dev_or_Path = _mk("Dev_or_Path")
Mountable_or_Path = _mk("Mountable_or_Path")
OptString = _mk("OptString")
Key = _mk("Key")
GUID = _mk("GUID")
Filename = _mk("Filename")
FileIn = _mk("FileIn")
FileOut = _mk("FileOut")
StringList = _mk("StringList")
DeviceList = _mk("DeviceList")
Bool = _mk("Bool")
Int = _mk("Int")
Int64 = _mk("Int64")
BufferIn = _mk("BufferIn")


# ---- optional arguments ---------------------------------------------------

@dataclass(frozen=True)
class OptArg:
    kind: str   # OBool, OInt, OInt64, OString, OStringList
    name: str


OPTARG_C = {
    "OBool": "int",
    "OInt": "int",
    "OInt64": "int64_t",
    "OString": "const char *",
    "OStringList": "char *const *",
}


def OBool(n): return OptArg("OBool", n)
def OInt(n): return OptArg("OInt", n)
def OInt64(n): return OptArg("OInt64", n)
def OString(n): return OptArg("OString", n)
def OStringList(n): return OptArg("OStringList", n)


# ---- return types ---------------------------------------------------------

@dataclass(frozen=True)
class Ret:
    kind: str                  # RErr, RInt, ... (see RET_C)
    struct: Optional[str] = None


RET_C = {
    "RErr": "int",
    "RInt": "int",
    "RInt64": "int64_t",
    "RBool": "int",
    "RConstString": "const char *",
    "RConstOptString": "const char *",
    "RString": "char *",
    "RStringList": "char **",
    "RHashtable": "char **",
    "RBufferOut": "char *",
    "RStruct": None,
    "RStructList": None,
}

RErr = Ret("RErr")
RInt = Ret("RInt")
RInt64 = Ret("RInt64")
RBool = Ret("RBool")
RConstString = Ret("RConstString")
RConstOptString = Ret("RConstOptString")
RString = Ret("RString")
RStringList = Ret("RStringList")
RHashtable = Ret("RHashtable")
RBufferOut = Ret("RBufferOut")


def RStruct(s): return Ret("RStruct", s)
def RStructList(s): return Ret("RStructList", s)


# ---- structs --------------------------------------------------------------

FIELD_KINDS = {
    # kind: (C type in public struct, XDR type, fish printf format)
    "FString": ("char *", "string", None),
    "FBuffer": (None, "opaque", None),
    "FUUID": (None, "opaque", None),
    "FChar": ("char", "char", None),
    "FInt32": ("int32_t", "int", "PRIi32"),
    "FUInt32": ("uint32_t", "unsigned int", "PRIu32"),
    "FInt64": ("int64_t", "hyper", "PRIi64"),
    "FUInt64": ("uint64_t", "unsigned hyper", "PRIu64"),
    "FBytes": ("uint64_t", "unsigned hyper", "PRIu64"),
    "FOptPercent": ("float", "float", None),
}


@dataclass
class Struct:
    name: str
    fields: List[Tuple[str, str]]   # (field name, kind)
    added: str = "1.0.0"


# ---- tests ----------------------------------------------------------------

@dataclass
class Test:
    """One declared test.

    init: the starting state of the shared test disk: "none" (no disk
      preparation), "empty" (a blank disk, nothing mounted), "partition"
      (one MBR partition), "basicfs" (ext2 on /dev/sda1 mounted on /),
      "basiclvm" (VG on /dev/sda1, 8 MB LV /dev/VG/LV with ext2 mounted
      on /).
    setup: commands run first, each a list [call, arg, ...] (strings).
      Host files for FileIn arguments: "@HOSTFILE@" is a file the harness
      creates holding "hello from the host\n"; "@HOSTOUT@" a scratch host
      path (FileOut); check ("hostfile", "content") compares it.
      "@TESTDATA:NAME@" is the host file ../shared/test-data/NAME.
    check: what is verified:
      ("run", cmd)                    the command succeeds
      ("fails", cmd)                  the command fails
      ("string", cmd, expected)       string result equals expected
      ("matches", cmd, substring)     string result contains substring
      ("lines", cmd, [expected...])   string list result equals
      ("int", cmd, n) / ("true", cmd) / ("false", cmd)
      ("hash_has", cmd, key, value)   hashtable contains key -> value
      ("struct", cmd, {field: value}) struct fields equal
    """
    init: str
    check: tuple
    setup: List[list] = field(default_factory=list)


# ---- calls ----------------------------------------------------------------

@dataclass
class Call:
    name: str
    ret: Ret
    args: List[Arg]
    optargs: List[OptArg] = field(default_factory=list)
    daemon: bool = True
    proc_nr: Optional[int] = None       # daemon calls only; never reused
    added: str = "1.0.0"
    shortdesc: str = ""
    longdesc: str = ""
    once_had_no_optargs: bool = False   # public name gains "_opts"
    fish_alias: List[str] = field(default_factory=list)
    progress: bool = False
    not_in_fish: bool = False
    deprecated_by: Optional[str] = None
    tests: List[Test] = field(default_factory=list)
    notrace: bool = False               # no TRACE/ENTER (e.g. user_cancel)
    # when the fish command wants to print an RString without a newline etc.
    fish_output: Optional[str] = None

    # Name of the public C function that takes optargs.
    @property
    def c_name(self):
        if self.optargs and self.once_had_no_optargs:
            return self.name + "_opts"
        return self.name

    @property
    def has_filein(self):
        return any(a.kind == "FileIn" for a in self.args)

    @property
    def has_fileout(self):
        return any(a.kind == "FileOut" for a in self.args)

    @property
    def wire_args(self):
        """Args sent to the daemon (FileIn/FileOut travel as chunks)."""
        return [a for a in self.args if a.kind not in ("FileIn", "FileOut")]
