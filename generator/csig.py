"""C spellings of calls: parameter lists and return types, shared by emitters."""

from model import ARG_KINDS, OPTARG_C, RET_C
from structs import STRUCT_BY_NAME
from api import ALL_CALLS  # noqa: F401  (re-export for convenience)


def ret_ctype(ret):
    if ret.kind == "RStruct":
        return "struct guestfs_%s *" % ret.struct
    if ret.kind == "RStructList":
        return "struct guestfs_%s_list *" % ret.struct
    return RET_C[ret.kind]


def error_value(ret):
    """The value a public function returns on error."""
    if ret.kind in ("RErr", "RInt", "RBool", "RInt64"):
        return "-1"
    return "NULL"


def arg_params(args):
    """['const char *path', 'const char *content', 'size_t content_size']"""
    out = []
    for a in args:
        if a.kind == "BufferIn":
            out += ["const char *%s" % a.name, "size_t %s_size" % a.name]
        else:
            out.append(ARG_KINDS[a.kind] + a.name if ARG_KINDS[a.kind].endswith("*")
                       else "%s %s" % (ARG_KINDS[a.kind], a.name))
    return out


def arg_names(args):
    out = []
    for a in args:
        if a.kind == "BufferIn":
            out += [a.name, a.name + "_size"]
        else:
            out.append(a.name)
    return out


def optarg_field(o):
    t = OPTARG_C[o.kind]
    return t + o.name if t.endswith("*") else "%s %s" % (t, o.name)


def ret_tail(ret):
    return ["size_t *size_r"] if ret.kind == "RBufferOut" else []


def join_decl(rtype, fname, params):
    sep = "" if rtype.endswith("*") else " "
    return "%s%s%s (%s)" % (rtype, sep, fname, ", ".join(params))


def plain_params(call):
    """Public parameters of the call without optargs."""
    return ["guestfs_h *g"] + arg_params(call.args) + ret_tail(call.ret)


def argv_struct(call):
    return "guestfs_%s_argv" % call.c_name


def upper(s):
    return s.upper()


def struct_of(name):
    return STRUCT_BY_NAME[name]
