#!/usr/bin/env python3
"""Writes the rpm headers of an SQL dump of rpmdb.sqlite (such as
../shared/test-data/fedora-db.sql.xz) as one of the older rpm databases,
for the tests of daemon/inspect-apps-{bdb,ndb}.c and the phony guests.

  make-rpmdb.py bdb DUMP.sql[.xz] OUT [--pagesize N] [--ffactor N] [--big-endian]
  make-rpmdb.py ndb DUMP.sql[.xz] OUT

--max-blob N keeps only the headers of at most N bytes (small fuzz seeds).

bdb: a Berkeley DB hash file as rpm < 4.16 keeps /var/lib/rpm/Packages,
built with db_load (db5.3-util): key = the record number (4 bytes, in
the database's byte order), value = the header blob, plus rpm's record 0
holding the next record number.

ndb: rpm's Packages.db, written here from the format (see
daemon/inspect-apps-ndb.c).  The blobs are laid out in reverse record
order with a free slot and a gap before them, as a database that has seen
erasures would be, so that readers must sort by record number.
"""
import argparse
import lzma
import sqlite3
import struct
import subprocess
import zlib


def load_headers(dump):
    opener = lzma.open if dump.endswith('.xz') else open
    with opener(dump, 'rt') as f:
        sql = f.read()
    db = sqlite3.connect(':memory:')
    db.executescript(sql)
    return db.execute('SELECT hnum, blob FROM Packages ORDER BY hnum').fetchall()


def escape(data):
    # db_load -T: a backslash followed by two hex digits is one byte.
    return ''.join('\\%02x' % b for b in data)


def write_bdb(headers, out, pagesize, ffactor, big_endian):
    order = '>' if big_endian else '<'
    lines = [escape(struct.pack(order + 'I', 0)),
             escape(struct.pack(order + 'I', max(h for h, _ in headers) + 1))]
    for hnum, blob in headers:
        lines += [escape(struct.pack(order + 'I', hnum)), escape(blob)]
    cmd = ['db_load', '-T', '-t', 'hash',
           '-c', 'db_lorder=%d' % (4321 if big_endian else 1234)]
    if pagesize:
        cmd += ['-c', 'db_pagesize=%d' % pagesize]
    if ffactor:     # few keys per bucket: more buckets, split points used
        cmd += ['-c', 'h_ffactor=%d' % ffactor]
    subprocess.run(cmd + [out], input='\n'.join(lines) + '\n', text=True,
                   check=True)


SLOT_PAGE, BLK = 4096, 16


def ndb_blob(pkgidx, blob):
    head = b'BlbS' + struct.pack('<III', pkgidx, 1600000000, len(blob))
    blkcnt = (len(head) + len(blob) + 12 + BLK - 1) // BLK
    pad = b'\0' * (blkcnt * BLK - len(head) - len(blob) - 12)
    body = head + blob + pad
    return body + struct.pack('<II', zlib.adler32(body), len(blob)) + b'BlbE'


def write_ndb(headers, out):
    data = bytearray(SLOT_PAGE)
    for o in range(0, SLOT_PAGE, 16):
        data[o:o + 4] = b'Slot'
    nextidx = max(h for h, _ in headers) + 1
    data[0:20] = b'RpmP' + struct.pack('<IIII', 0, 42, 1, nextidx)
    blkoff = SLOT_PAGE // BLK + 2          # a 32-byte gap first
    data += bytes(2 * BLK)
    slot = 3                                # slot 2 is left free
    for hnum, blob in reversed(headers):
        b = ndb_blob(hnum, blob)
        struct.pack_into('<III', data, slot * 16 + 4, hnum, blkoff, len(b) // BLK)
        data += b
        blkoff += len(b) // BLK
        slot += 1
    with open(out, 'wb') as f:
        f.write(data)


def main():
    p = argparse.ArgumentParser()
    p.add_argument('format', choices=['bdb', 'ndb'])
    p.add_argument('dump')
    p.add_argument('out')
    p.add_argument('--pagesize', type=int, default=0)
    p.add_argument('--ffactor', type=int, default=0)
    p.add_argument('--max-blob', type=int, default=0)
    p.add_argument('--big-endian', action='store_true')
    a = p.parse_args()
    headers = load_headers(a.dump)
    if a.max_blob:
        headers = [(h, b) for h, b in headers if len(b) <= a.max_blob]
    if a.format == 'bdb':
        write_bdb(headers, a.out, a.pagesize, a.ffactor, a.big_endian)
    else:
        write_ndb(headers, a.out)


if __name__ == '__main__':
    main()
