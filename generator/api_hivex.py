"""The hivex_* calls (issue 4): Windows registry hives through libhivex
in the appliance.
Procedure numbers: see api.py.  STRUCTS lists structs first needed by
this group."""

from model import *  # noqa: F401,F403

T = Test

STRUCTS = [
    Struct("hivex_node", [("hivex_node_h", "FInt64")]),
    Struct("hivex_value", [("hivex_value_h", "FInt64")]),
]

ADDED = "1.19.35"
WRAPPER = "  This is a wrapper around the hivex(3) call of the same name."

# minimal-hive (libguestfs's test hive): its root node, and the handles
# libhivex gives to what WRITE_SETUP adds (offsets are deterministic).
HIVE = "@TESTDATA:minimal-hive@"
ROOT = "4128"
FOO = "8224"        # child "Foo" of the root
KEYV = "8336"       # value "Key" (REG_SZ "abc") of the root
DWV = "8448"        # value "Dw" (REG_DWORD) of the root, after DW_SETUP
UTF16_ABC = "a\0b\0c\0\0\0"
DWORD = "\x01\x02\x03\x04"

READ_SETUP = [["upload", HIVE, "/hive"], ["hivex_open", "/hive"]]
WRITE_SETUP = [["upload", HIVE, "/hive"],
               ["hivex_open", "/hive", "write:true"],
               ["hivex_node_add_child", ROOT, "Foo"],
               ["hivex_node_set_value", ROOT, "Key", "1", UTF16_ABC]]
DW_SETUP = WRITE_SETUP + [["hivex_node_set_value", ROOT, "Dw", "4", DWORD]]


def hx(name, ret, args, optargs=None, proc_nr=None, shortdesc="",
       longdesc="", tests=None, added=ADDED, **kw):
    return Call(name, ret, args, optargs or [], proc_nr=proc_nr,
                added=added, shortdesc=shortdesc,
                longdesc=longdesc, tests=tests or [], **kw)


CALLS = [
    hx("hivex_open", RErr, [Pathname("filename")],
       [OBool("verbose"), OBool("debug"), OBool("write"), OBool("unsafe")],
       proc_nr=1050,
       shortdesc="open a Windows Registry hive file",
       longdesc="Open the Windows Registry hive file named FILENAME.  If "
                "there was any previous hivex handle associated with this "
                "guestfs session, then it is closed." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_root"], int(ROOT)), setup=READ_SETUP),
              T("basicfs", ("fails", ["hivex_open", "/nosuch"])),
              T("basicfs", ("fails", ["hivex_open", "/bad"]),
                setup=[["write", "/bad", "not a registry hive"]]),
              T("basicfs", ("fails", ["hivex_open", "/"])),
              # an open hive must not keep the filesystem busy
              T("basicfs", ("run", ["umount", "/"]), setup=READ_SETUP)]),
    hx("hivex_close", RErr, [], proc_nr=1051,
       shortdesc="close the current hivex handle",
       longdesc="Close the current hivex handle." + WRAPPER,
       tests=[T("basicfs", ("run", ["hivex_close"]), setup=READ_SETUP),
              T("basicfs", ("fails", ["hivex_root"]),
                setup=READ_SETUP + [["hivex_close"]])]),
    hx("hivex_commit", RErr, [OptString("filename")], proc_nr=1052,
       shortdesc="commit (write) changes back to the hive",
       longdesc="Commit (write) changes to the hive.  If the optional "
                "FILENAME parameter is null, then the changes are written "
                "back to the same hive that was opened.  If this is not "
                "null then they are written to the alternate filename "
                "given and the original hive is left untouched." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_node_get_child", ROOT, "Foo"], int(FOO)),
                setup=WRITE_SETUP + [["hivex_commit", "/h2"],
                                     ["hivex_open", "/h2"]]),
              T("basicfs", ("int", ["hivex_node_get_child", ROOT, "Foo"], 0),
                setup=WRITE_SETUP + [["hivex_commit", "/h2"],
                                     ["hivex_open", "/hive"]]),
              T("basicfs", ("int", ["hivex_node_get_child", ROOT, "Foo"], int(FOO)),
                setup=WRITE_SETUP + [["hivex_commit", "NULL"],
                                     ["hivex_open", "/hive"]]),
              T("basicfs", ("fails", ["hivex_commit", "/nodir/h2"]),
                setup=WRITE_SETUP),
              T("basicfs", ("fails", ["hivex_commit", "/h2"]),
                setup=READ_SETUP)]),
    hx("hivex_root", RInt64, [], proc_nr=1053,
       shortdesc="return the root node of the hive",
       longdesc="Return the root node of the hive." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_root"], int(ROOT)), setup=READ_SETUP)]),
    hx("hivex_node_name", RString, [Int64("nodeh")], proc_nr=1054,
       shortdesc="return the name of the node",
       longdesc="Return the name of NODEH." + WRAPPER,
       tests=[T("basicfs", ("string", ["hivex_node_name", ROOT],
                            "$$$PROTO.HIV"), setup=READ_SETUP),
              T("basicfs", ("string", ["hivex_node_name", FOO], "Foo"),
                setup=WRITE_SETUP),
              T("basicfs", ("fails", ["hivex_node_name", "12"]),
                setup=READ_SETUP),
              T("basicfs", ("fails", ["hivex_node_name", "-1"]),
                setup=READ_SETUP)]),
    hx("hivex_node_children", RStructList("hivex_node"), [Int64("nodeh")],
       proc_nr=1055,
       shortdesc="return list of nodes which are subkeys of node",
       longdesc="Return the list of nodes which are subkeys of NODEH."
                + WRAPPER,
       tests=[T("basicfs", ("struct", ["hivex_node_children", ROOT],
                            {"hivex_node_h": FOO}), setup=WRITE_SETUP),
              T("basicfs", ("fails", ["hivex_node_children", "99999999"]),
                setup=READ_SETUP)]),
    hx("hivex_node_get_child", RInt64, [Int64("nodeh"), String("name")],
       proc_nr=1056,
       shortdesc="return the named child of node",
       longdesc="Return the child of NODEH with the name NAME, if it "
                "exists.  This can return 0 meaning the name was not "
                "found." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_node_get_child", ROOT, "foo"], int(FOO)),
                setup=WRITE_SETUP),
              T("basicfs", ("int", ["hivex_node_get_child", ROOT, "nosuch"], 0), setup=READ_SETUP)]),
    hx("hivex_node_parent", RInt64, [Int64("nodeh")], proc_nr=1057,
       shortdesc="return the parent of node",
       longdesc="Return the parent node of NODEH." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_node_parent", FOO], int(ROOT)),
                setup=WRITE_SETUP),
              T("basicfs", ("fails", ["hivex_node_parent", ROOT]),
                setup=READ_SETUP)]),
    hx("hivex_node_values", RStructList("hivex_value"), [Int64("nodeh")],
       proc_nr=1058,
       shortdesc="return list of values attached to node",
       longdesc="Return the array of (key, datatype, data) tuples "
                "attached to NODEH." + WRAPPER,
       tests=[T("basicfs", ("struct", ["hivex_node_values", ROOT],
                            {"hivex_value_h": KEYV}), setup=WRITE_SETUP)]),
    hx("hivex_node_get_value", RInt64, [Int64("nodeh"), String("key")],
       proc_nr=1059,
       shortdesc="return the named value",
       longdesc="Return the value attached to NODEH which has the name "
                "KEY, if it exists.  This can return 0 meaning the key "
                "was not found." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_node_get_value", ROOT, "Key"], int(KEYV)), setup=WRITE_SETUP),
              T("basicfs", ("int", ["hivex_node_get_value", ROOT, "nosuch"], 0), setup=READ_SETUP)]),
    hx("hivex_value_key", RString, [Int64("valueh")], proc_nr=1060,
       shortdesc="return the key field from the (key, datatype, data) tuple",
       longdesc="Return the key (name) field of a (key, datatype, data) "
                "tuple." + WRAPPER,
       tests=[T("basicfs", ("string", ["hivex_value_key", KEYV], "Key"),
                setup=WRITE_SETUP),
              T("basicfs", ("fails", ["hivex_value_key", ROOT]),
                setup=READ_SETUP)]),
    hx("hivex_value_type", RInt64, [Int64("valueh")], proc_nr=1061,
       shortdesc="return the data type from the (key, datatype, data) tuple",
       longdesc="Return the data type field from a (key, datatype, data) "
                "tuple." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_value_type", KEYV], 1),
                setup=WRITE_SETUP)]),
    hx("hivex_value_value", RBufferOut, [Int64("valueh")], proc_nr=1062,
       shortdesc="return the data field from the (key, datatype, data) tuple",
       longdesc="Return the data field of a (key, datatype, data) tuple."
                + WRAPPER + "\n\nSee also: hivex_value_utf8.",
       tests=[T("basicfs", ("string", ["hivex_value_value", KEYV], UTF16_ABC),
                setup=WRITE_SETUP)]),
    hx("hivex_value_string", RString, [Int64("valueh")], proc_nr=1063,
       added="1.37.22",
       shortdesc="return the data field as a UTF-8 string",
       longdesc="This calls hivex_value_value (which returns the data "
                "field from a hivex value tuple).  It then assumes that "
                "the field is a UTF-16LE string and converts the result "
                "to UTF-8 (or if this is not possible, it returns an "
                "error).\n\nThis is useful for reading strings out of the "
                "Windows registry.  However it is not foolproof because "
                "the registry is not strongly-typed and fields can "
                "contain arbitrary or unexpected data.",
       tests=[T("basicfs", ("string", ["hivex_value_string", KEYV], "abc"),
                setup=WRITE_SETUP),
              T("basicfs", ("fails", ["hivex_value_string", DWV]),
                setup=DW_SETUP)]),
    hx("hivex_value_utf8", RString, [Int64("valueh")], proc_nr=1064,
       deprecated_by="hivex_value_string",
       shortdesc="return the data field as a UTF-8 string",
       longdesc="This calls hivex_value_value (which returns the data "
                "field from a hivex value tuple).  It then assumes that "
                "the field is a UTF-16LE string and converts the result "
                "to UTF-8 (or if this is not possible, it returns an "
                "error).",
       tests=[T("basicfs", ("string", ["hivex_value_utf8", KEYV], "abc"),
                setup=WRITE_SETUP)]),
    hx("hivex_node_add_child", RInt64, [Int64("parent"), String("name")],
       proc_nr=1065,
       shortdesc="add a child node",
       longdesc="Add a child node to PARENT named NAME." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_node_add_child", ROOT, "Foo"], int(FOO)),
                setup=[["upload", HIVE, "/hive"],
                       ["hivex_open", "/hive", "write:true"]]),
              T("basicfs", ("fails", ["hivex_node_add_child", ROOT, "Foo"]),
                setup=READ_SETUP)]),
    hx("hivex_node_delete_child", RErr, [Int64("nodeh")], proc_nr=1066,
       shortdesc="delete a node (recursively)",
       longdesc="Delete NODEH, recursively if necessary." + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_node_get_child", ROOT, "Foo"], 0),
                setup=WRITE_SETUP + [["hivex_node_delete_child", FOO]]),
              T("basicfs", ("fails", ["hivex_node_delete_child", ROOT]),
                setup=WRITE_SETUP)]),
    hx("hivex_node_set_value", RErr,
       [Int64("nodeh"), String("key"), Int64("t"), BufferIn("val")],
       proc_nr=1067,
       shortdesc="set or replace a single value in a node",
       longdesc="Set or replace a single value under the node NODEH.  "
                "The KEY is the name, T is the type, and VAL is the data."
                + WRAPPER,
       tests=[T("basicfs", ("int", ["hivex_node_get_value", ROOT, "Dw"], int(DWV)),
                setup=DW_SETUP),
              T("basicfs", ("string", ["hivex_value_value", DWV], DWORD),
                setup=DW_SETUP),
              T("basicfs", ("int", ["hivex_value_type", DWV], 4),
                setup=DW_SETUP),
              T("basicfs", ("fails", ["hivex_node_set_value", ROOT, "K",
                                      "1", "x"]), setup=READ_SETUP)]),
]
