"""Turns each call's declared tests into C test functions (api-tests-gen.c)
run by tests/api-harness.c against one launched handle."""

from api import ALL_CALLS
from csig import ret_ctype, error_value, argv_struct
from emit_fish import c_string

CALL_BY_NAME = {c.name: c for c in ALL_CALLS}


class Gen:
    def __init__(self):
        self.n = 0

    def var(self, prefix="v"):
        self.n += 1
        return "%s%d" % (prefix, self.n)


def c_arg(gen, a, value, pre):
    """C expression(s) for argument a given as a test string."""
    k = a.kind
    if k in ("StringList", "DeviceList"):
        v = gen.var("l")
        items = [c_string(x) for x in value.split()] + ["NULL"]
        pre.append("  char *%s[] = { %s };" % (v, ", ".join(items)))
        return [v]
    if k == "Bool":
        return ["1" if value in ("true", "1", "yes") else "0"]
    if k in ("Int", "Int64"):
        return ["INT64_C(%d)" % int(value) if k == "Int64" else str(int(value))]
    if k == "BufferIn":
        return [c_string(value), str(len(value.encode()))]
    if k == "OptString" and value == "NULL":
        return ["NULL"]
    if value == "@HOSTFILE@":
        return ["harness_host_file ()"]
    if value == "@HOSTOUT@":
        return ["harness_host_out ()"]
    if value.startswith("@TESTDATA:") and value.endswith("@"):
        return ["harness_test_data (%s)" % c_string(value[10:-1])]
    return [c_string(value)]


def c_call(gen, cmd, pre):
    """Returns (C call expression, call) for a test command list."""
    c = CALL_BY_NAME[cmd[0]]
    args = cmd[1:]
    req, opt = args[:len(c.args)], args[len(c.args):]
    assert len(req) == len(c.args), cmd
    exprs = ["g"]
    for a, v in zip(c.args, req):
        exprs += c_arg(gen, a, v, pre)
    if c.ret.kind == "RBufferOut":
        sz = gen.var("size")
        pre.append("  size_t %s = 0;" % sz)
        exprs.append("&" + sz)
    if c.optargs:
        ov = gen.var("o")
        pre.append("  struct %s %s = { .bitmask = 0 };" % (argv_struct(c), ov))
        names = [o.name for o in c.optargs]
        for item in opt:
            name, _, value = item.partition(":")
            idx = names.index(name)
            o = c.optargs[idx]
            if o.kind == "OBool":
                val = "1" if value == "true" else "0"
            elif o.kind in ("OInt", "OInt64"):
                val = str(int(value))
            else:
                val = c_string(value)
            pre.append("  %s.%s = %s;" % (ov, name, val))
            pre.append("  %s.bitmask |= UINT64_C(1) << %d;" % (ov, idx))
        exprs.append("&" + ov)
        fn = "guestfs_%s_argv" % c.c_name
    else:
        assert not opt, cmd
        fn = "guestfs_" + c.name
    return "%s (%s)" % (fn, ", ".join(exprs)), c


def free_code(c, v):
    k = c.ret.kind
    if k in ("RString", "RBufferOut"):
        return "free (%s);" % v
    if k in ("RStringList", "RHashtable"):
        return "harness_free_strings (%s);" % v
    if k == "RStruct":
        return "guestfs_free_%s (%s);" % (c.ret.struct, v)
    if k == "RStructList":
        return "guestfs_free_%s_list (%s);" % (c.ret.struct, v)
    return ""


def run_cmd(gen, cmd, L, must_succeed=True):
    """Runs a command, failing the test if it errors; returns nothing."""
    pre = []
    expr, c = c_call(gen, cmd, pre)
    v = gen.var("r")
    L += pre
    L.append("  %s %s = %s;" % (ret_ctype(c.ret).strip(), v, expr))
    cond = "%s == %s" % (v, error_value(c.ret))
    L.append("  if (%s) return harness_fail (%s);" % (cond, c_string(" ".join(cmd))))
    fc = free_code(c, v)
    if fc:
        L.append("  " + fc)


def check_code(gen, check, L):
    kind, cmd = check[0], check[1]
    if kind == "hostfile":
        L.append("  return harness_check_host_out (%s);" % c_string(cmd))
        return
    pre = []
    expr, c = c_call(gen, cmd, pre)
    L += pre
    desc = c_string(" ".join(cmd))
    v = gen.var("r")
    rt = ret_ctype(c.ret).strip()
    errv = error_value(c.ret)
    if kind == "fails":
        L += ["  harness_expect_error ();",
              "  %s %s = %s;" % (rt, v, expr),
              "  harness_end_expect_error ();",
              "  if (%s != %s) {" % (v, errv)]
        fc = free_code(c, v)
        if fc:
            L.append("    " + fc)
        L += ['    return harness_failf ("%%s: expected an error", %s);' % desc, "  }",
              "  return 0;"]
        return
    L += ["  %s %s = %s;" % (rt, v, expr),
          "  if (%s == %s) return harness_fail (%s);" % (v, errv, desc)]
    fc = free_code(c, v)
    if kind == "run":
        pass
    elif kind == "string":
        exp = check[2]
        if c.ret.kind == "RBufferOut":
            sz = [p for p in pre if "size_t size" in p][0].split()[1]
            L += ["  int ok = harness_check_buffer (%s, %s, %s, %d, %s);" % (
                desc, v, sz, len(exp.encode()), c_string(exp))]
        else:
            L += ["  int ok = harness_check_string (%s, %s, %s);" % (desc, v, c_string(exp))]
        L += ["  " + fc, "  return ok;"]
        return
    elif kind == "matches":
        L += ["  int ok = strstr (%s, %s) ? 0 : harness_failf (\"%%s: \\\"%%s\\\" not in output:\\n%%s\", %s, %s, %s);" % (
            v, c_string(check[2]), desc, c_string(check[2]), v),
              "  " + fc, "  return ok;"]
        return
    elif kind == "lines":
        items = [c_string(x) for x in check[2]] + ["NULL"]
        ev = gen.var("e")
        L += ["  const char *%s[] = { %s };" % (ev, ", ".join(items)),
              "  int ok = harness_check_lines (%s, %s, %s);" % (desc, v, ev),
              "  " + fc, "  return ok;"]
        return
    elif kind == "int":
        L += ["  int ok = harness_check_int (%s, (int64_t) %s, INT64_C(%d));" % (desc, v, check[2]),
              "  return ok;"]
        return
    elif kind in ("true", "false"):
        want = 1 if kind == "true" else 0
        L += ["  int ok = harness_check_int (%s, (int64_t) %s, %d);" % (desc, v, want),
              "  return ok;"]
        return
    elif kind == "hash_has":
        L += ["  int ok = harness_check_hash (%s, %s, %s, %s);" % (
            desc, v, c_string(check[2]), c_string(check[3])),
              "  " + fc, "  return ok;"]
        return
    elif kind == "struct":
        L.append("  int ok = 0;")
        acc = "->"
        if c.ret.kind == "RStructList":
            L.append("  if (%s->len == 0) ok = harness_fail (%s \": empty list\");" % (v, desc))
            acc = "->val[0]."
        for field, value in check[2].items():
            L.append("  if (ok == 0) ok = harness_check_int (%s \" %s\", (int64_t) %s%s%s, INT64_C(%s));" % (
                desc, field, v, acc, field, value))
        L += ["  " + fc, "  return ok;"]
        return
    else:
        raise AssertionError(kind)
    if fc:
        L.append("  " + fc)
    L.append("  return 0;")


def _uses_second_disk(t):
    """Whether a test names /dev/sdb, so that the harness blanks it again
    before the next test."""
    words = [w for cmd in t.setup for w in cmd] + [
        w for part in t.check if isinstance(part, list) for w in part]
    return any(isinstance(w, str) and "/dev/sdb" in w for w in words)


def emit(path):
    gen = Gen()
    L = ["/* Generated by generator/, do not edit. */", "#include <config.h>",
         "#include <inttypes.h>", "#include <stdint.h>", "#include <stdlib.h>",
         "#include <string.h>",
         "#define GUESTFS_PRIVATE 1  /* the internal_* calls have tests too */",
         '#include "guestfs.h"', '#include "api-harness.h"', ""]
    table = []
    for c in ALL_CALLS:
        for i, t in enumerate(c.tests):
            fn = "test_%s_%d" % (c.name, i)
            L += ["static int", "%s (void)" % fn, "{",
                  "  if (harness_prepare (%s) == -1) return -1;" % c_string(t.init)]
            if _uses_second_disk(t):
                L.append("  harness_second_disk_used ();")
            for cmd in t.setup:
                run_cmd(gen, cmd, L)
            check_code(gen, t.check, L)
            L += ["}", ""]
            table.append((fn, "%s #%d" % (c.name, i)))
    L += ["const struct harness_test harness_tests[] = {"]
    L += ['  { %s, "%s" },' % (fn, name) for fn, name in table]
    L += ["  { NULL, NULL }", "};", ""]
    open(path, "w").write("\n".join(L))
