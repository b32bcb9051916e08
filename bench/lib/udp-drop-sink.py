# The "drop" sink of bench:fanout: two UDP sockets (RTP, RTCP) on 127.0.0.1 that are bound and
# never read. Why Python: a Node dgram socket always reads (libuv polls it), and reading is the
# CPU this sink exists to avoid. With the smallest receive buffer the queue fills in a few packets,
# after which the kernel drops every arrival and counts it in the socket's `drops` column of
# /proc/net/udp: the bench reads that delta as "packets received". No CPU is spent here at all.
import json
import socket
import sys

sockets = []
for _ in range(2):
    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 0)  # the kernel rounds up to its minimum
    s.bind(("127.0.0.1", 0))
    sockets.append(s)
print(json.dumps([s.getsockname()[1] for s in sockets]), flush=True)
sys.stdin.read()  # hold the sockets until the bench closes our stdin (or dies)
