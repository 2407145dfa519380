/*
 * Sockets: what syscall/net.c (calls and addresses), net-msg.c (msghdr,
 * control messages, sendmsg/recvmsg/mmsg) and net-opt.c (socket options)
 * share.  Every guest is 32-bit; what differs between guest ABIs is data:
 * the SOCK_* values (UserArchOps.flags[GF_SOCKTYPE]), the SOL_SOCKET level
 * and option numbers (GF_SOCKLEVEL, GF_SOCKOPT) and the byte order.
 */
#ifndef MIMIC_SYSCALL_NET_H
#define MIMIC_SYSCALL_NET_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>

#include "syscall/syscall.h"

#define NET_BE(a) ((a)->ua->big_endian)

/*
 * Byte-order layouts.  A value whose layout is the same in the guest and on
 * the host (every fixed-width field at the same offset) is described by
 * runs of `count` elements of `size` bytes (1, 2, 4 or 8); a run with count
 * 0 repeats to the end of the buffer, { 0, 0 } ends the list.  Converting
 * means swapping each element for a big-endian guest, the same operation in
 * both directions; a trailing partial element is left alone.
 */
typedef struct SwapRun {
    uint8_t size, count;
} SwapRun;

void net_swap_layout(const SwapRun *l, uint8_t *p, size_t len, bool be);

extern const SwapRun net_layout_ints[];     /* an array of 32-bit ints */
extern const SwapRun net_layout_s64[];      /* an array of 64-bit ints */

/*
 * Socket addresses.  The guest's and the host's sockaddr_* have the same
 * size and layout; sa_family and a few fields (sockaddr_nl's nl_pid and
 * nl_groups, sockaddr_ll's sll_ifindex and sll_hatype, sockaddr_in6's
 * sin6_scope_id) are in host byte order, the rest is network order or
 * bytes.  Convert len bytes in place; to_host says the buffer holds the
 * guest's form.
 */
void net_sockaddr_swap(uint8_t *p, size_t len, bool be, bool to_host);

/* Copy a guest address of glen bytes into *h: its length or -errno. */
int64_t net_sockaddr_from_guest(const SyscallArgs *a, struct sockaddr_storage *h, uint32_t gaddr, uint32_t glen);
/* Store a host address of hlen bytes at guest gaddr whose buffer holds glen
 * bytes: min(glen, hlen) bytes are written, as the kernel does. */
int64_t net_sockaddr_put(const SyscallArgs *a, uint32_t gaddr, uint32_t glen, const void *h, uint32_t hlen);

/* SOCK_* type and SOCK_NONBLOCK/SOCK_CLOEXEC, guest <-> host.  to_host
 * returns -1 when the guest value has bits the table does not know. */
int64_t net_socktype_to_host(const SyscallArgs *a, uint32_t g);
uint32_t net_socktype_to_guest(const SyscallArgs *a, int h);

/* Socket option levels and SOL_SOCKET option names (also the cmsg_type of
 * SOL_SOCKET control messages other than SCM_RIGHTS..SCM_PIDFD). */
int net_level_to_host(const SyscallArgs *a, int g);
int net_level_to_guest(const SyscallArgs *a, int h);
int net_sockopt_to_host(const SyscallArgs *a, int g);
int net_sockopt_to_guest(const SyscallArgs *a, int h);

/* A blocking call's result: an interrupted call on a socket with a send
 * (send) or receive timeout gives EINTR instead of a restart. */
long net_intr(int fd, bool send, long r);

/* One warning per (what, level, name). */
void net_warn_once(const char *what, int level, int name);

/* socketcall(2) for guests that multiplex the socket calls through one
 * syscall (MIPS o32, PPC32, ARM OABI).  Not in syscalls.def yet; a row
 * SC(socketcall, sys_socketcall, SR_INT, "d,p") enables it. */
int64_t sys_socketcall(SyscallArgs *a);

#endif
