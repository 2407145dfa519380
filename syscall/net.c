/*
 * Sockets: the calls on addresses and plain buffers, the conversions the
 * socket family shares (addresses, SOCK_* values, option numbering), and
 * socketcall.  Messages are in net-msg.c, options in net-opt.c.
 *
 * Handlers read only a->a[], so socketcall can build the arguments from
 * guest memory and call them.  Calls that can block go through
 * safe_syscall, so a guest signal interrupts them.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/net.h"
#include "tcg/util.h"

#define BE NET_BE(a)

/* ---- byte-order layouts ---- */

const SwapRun net_layout_ints[] = { { 4, 0 }, { 0, 0 } };
const SwapRun net_layout_s64[] = { { 8, 0 }, { 0, 0 } };

void net_swap_layout(const SwapRun *l, uint8_t *p, size_t len, bool be)
{
    if (!be || !l) {
        return;
    }
    size_t off = 0;
    for (; l->size; l++) {
        for (unsigned i = 0; (l->count == 0 || i < l->count) && off + l->size <= len; i++, off += l->size) {
            switch (l->size) {
            case 2: g_st16(p + off, g_ld16(p + off, true), false); break;
            case 4: g_st32(p + off, g_ld32(p + off, true), false); break;
            case 8: g_st64(p + off, g_ld64(p + off, true), false); break;
            default: break;
            }
        }
        if (off + l->size > len) {
            return;
        }
    }
}

/* ---- socket addresses ---- */

/* The host-order fields of each family; sa_family leads every layout. */
static const SwapRun sa_default[] = { { 2, 1 }, { 0, 0 } };
static const SwapRun sa_netlink[] = { { 2, 2 }, { 4, 2 }, { 0, 0 } };       /* family, pad, pid, groups */
static const SwapRun sa_packet[] = { { 2, 1 }, { 1, 2 }, { 4, 1 }, { 2, 1 }, { 0, 0 } };   /* ifindex, hatype */
static const SwapRun sa_inet6[] = { { 2, 1 }, { 1, 22 }, { 4, 1 }, { 0, 0 } };            /* scope_id */

void net_sockaddr_swap(uint8_t *p, size_t len, bool be, bool to_host)
{
    if (!be || len < 2) {
        return;
    }
    uint16_t fam = g_ld16(p, to_host);
    const SwapRun *l = fam == AF_NETLINK ? sa_netlink : fam == AF_PACKET ? sa_packet
                     : fam == AF_INET6 ? sa_inet6 : sa_default;
    net_swap_layout(l, p, len, true);
}

int64_t net_sockaddr_from_guest(const SyscallArgs *a, struct sockaddr_storage *h, uint32_t gaddr, uint32_t glen)
{
    if ((int32_t)glen < 0 || glen > sizeof(*h)) {
        return -EINVAL;
    }
    memset(h, 0, sizeof(*h));
    if (glen == 0) {
        return 0;
    }
    const void *g = lock_user(gaddr, glen, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    memcpy(h, g, glen);
    net_sockaddr_swap((uint8_t *)h, glen, BE, true);
    return glen;
}

int64_t net_sockaddr_put(const SyscallArgs *a, uint32_t gaddr, uint32_t glen, const void *h, uint32_t hlen)
{
    uint32_t n = glen < hlen ? glen : hlen;
    if (n == 0) {
        return 0;
    }
    uint8_t *g = lock_user(gaddr, n, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    uint8_t tmp[sizeof(struct sockaddr_storage)];
    if (n > sizeof(tmp)) {
        n = sizeof(tmp);
    }
    memcpy(tmp, h, n);
    net_sockaddr_swap(tmp, n, BE, false);
    memcpy(g, tmp, n);
    return 0;
}

/* An output address: the guest's buffer and its in/out length word.  As
 * in the kernel, the length is read and checked only after the call (a bad
 * one then costs the connection or the datagram). */
typedef struct AddrOut {
    bool want;                      /* false: the caller passed no address */
    uint32_t gaddr, glenp;
    struct sockaddr_storage ss;
    socklen_t hlen;
} AddrOut;

static void addr_out_begin(AddrOut *o, bool want, uint32_t gaddr, uint32_t glenp)
{
    o->want = want;
    o->gaddr = gaddr;
    o->glenp = glenp;
    o->hlen = sizeof(o->ss);
}

/* After the call: min(length, address size) bytes, then the full size. */
static int64_t addr_out_end(const SyscallArgs *a, AddrOut *o)
{
    if (!o->want) {
        return 0;
    }
    uint8_t *p = lock_user(o->glenp, 4, PROT_READ | PROT_WRITE);
    if (!p) {
        return -EFAULT;
    }
    uint32_t glen = g_ld32(p, BE);
    if ((int32_t)glen < 0) {
        return -EINVAL;
    }
    int64_t r = net_sockaddr_put(a, o->gaddr, glen, &o->ss, o->hlen);
    if (r < 0) {
        return r;
    }
    g_st32(p, o->hlen, BE);
    return 0;
}

#define ADDR_OUT_PTRS(o) ((o).want ? (long)&(o).ss : 0L), ((o).want ? (long)&(o).hlen : 0L)

/* ---- numbering ---- */

int64_t net_socktype_to_host(const SyscallArgs *a, uint32_t g)
{
    const FlagConv *fc = a->ua->flags[GF_SOCKTYPE];
    if (!fc) {
        return g;
    }
    uint32_t h = flags_to_host(fc, g);
    return flags_to_guest(fc, h) == g ? (int64_t)h : -1;
}

uint32_t net_socktype_to_guest(const SyscallArgs *a, int h)
{
    const FlagConv *fc = a->ua->flags[GF_SOCKTYPE];
    return fc ? flags_to_guest(fc, (uint32_t)h) : (uint32_t)h;
}

/* Number tables are FlagConv rows with full masks: { ~0, guest, ~0, host };
 * a value without a row is the same on both sides. */
static int num_map(const FlagConv *t, int v, bool to_host)
{
    for (; t && (t->gmask || t->hmask); t++) {
        if (to_host ? t->gbits == (uint32_t)v : t->hbits == (uint32_t)v) {
            return (int)(to_host ? t->hbits : t->gbits);
        }
    }
    return v;
}

int net_level_to_host(const SyscallArgs *a, int g) { return num_map(a->ua->flags[GF_SOCKLEVEL], g, true); }
int net_level_to_guest(const SyscallArgs *a, int h) { return num_map(a->ua->flags[GF_SOCKLEVEL], h, false); }
int net_sockopt_to_host(const SyscallArgs *a, int g) { return num_map(a->ua->flags[GF_SOCKOPT], g, true); }
int net_sockopt_to_guest(const SyscallArgs *a, int h) { return num_map(a->ua->flags[GF_SOCKOPT], h, false); }

void net_warn_once(const char *what, int level, int name)
{
    static struct {
        const char *what;
        int level, name;
    } seen[64];
    static unsigned nseen;
    static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

    pthread_mutex_lock(&lock);
    for (unsigned i = 0; i < nseen; i++) {
        if (seen[i].what == what && seen[i].level == level && seen[i].name == name) {
            pthread_mutex_unlock(&lock);
            return;
        }
    }
    if (nseen < ARRAY_SIZE(seen)) {
        seen[nseen].what = what;
        seen[nseen].level = level;
        seen[nseen].name = name;
        nseen++;
    }
    pthread_mutex_unlock(&lock);
    fprintf(stderr, "mimic: unsupported %s (level %d, %d)\n", what, level, name);
}

/* The kernel restarts an interrupted socket call only when it would have
 * waited forever; with SO_RCVTIMEO/SO_SNDTIMEO set it fails with EINTR
 * (sock_intr_errno). */
long net_intr(int fd, bool send, long r)
{
    if (r != -MIMIC_ERESTARTSYS) {
        return r;
    }
    struct timeval tv;
    socklen_t l = sizeof(tv);
    if (getsockopt(fd, SOL_SOCKET, send ? SO_SNDTIMEO : SO_RCVTIMEO, &tv, &l) == 0 && (tv.tv_sec || tv.tv_usec)) {
        return -EINTR;
    }
    return r;
}

/* ---- the calls ---- */

int64_t sys_socket(SyscallArgs *a)
{
    int domain = (int)a->a[0], protocol = (int)a->a[2];
    int64_t type = net_socktype_to_host(a, a->a[1]);
    if (type < 0) {
        return -EINVAL;
    }
    /* The packet protocol is a network-order 16-bit value in an int. */
    if (BE && (domain == AF_PACKET || (domain == AF_INET && (type & 0xf) == SOCK_PACKET))) {
        protocol = __builtin_bswap16((uint16_t)protocol);
    }
    return ERRNO(socket(domain, (int)type, protocol));
}

int64_t sys_socketpair(SyscallArgs *a)
{
    int64_t type = net_socktype_to_host(a, a->a[1]);
    if (type < 0) {
        return -EINVAL;
    }
    uint8_t *g = lock_user(a->a[3], 8, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    int sv[2];
    if (socketpair((int)a->a[0], (int)type, (int)a->a[2], sv) < 0) {
        return -errno;
    }
    g_st32(g, (uint32_t)sv[0], BE);
    g_st32(g + 4, (uint32_t)sv[1], BE);
    return 0;
}

int64_t sys_bind(SyscallArgs *a)
{
    struct sockaddr_storage ss;
    int64_t len = net_sockaddr_from_guest(a, &ss, a->a[1], a->a[2]);
    if (len < 0) {
        return len;
    }
    return ERRNO(bind((int)a->a[0], (struct sockaddr *)&ss, (socklen_t)len));
}

int64_t sys_connect(SyscallArgs *a)
{
    struct sockaddr_storage ss;
    int64_t len = net_sockaddr_from_guest(a, &ss, a->a[1], a->a[2]);
    if (len < 0) {
        return len;
    }
    return net_intr((int)a->a[0], true, safe_syscall(SYS_connect, (long)(int)a->a[0], (long)&ss, (long)len));
}

int64_t sys_listen(SyscallArgs *a)
{
    return ERRNO(listen((int)a->a[0], (int)a->a[1]));
}

static int64_t do_accept(SyscallArgs *a, uint32_t gflags)
{
    AddrOut o;
    int64_t flags = net_socktype_to_host(a, gflags);
    if (flags < 0 || (flags & ~(SOCK_NONBLOCK | SOCK_CLOEXEC))) {
        return -EINVAL;
    }
    addr_out_begin(&o, a->a[1] != 0, a->a[1], a->a[2]);
    long fd = net_intr((int)a->a[0], false,
                       safe_syscall(SYS_accept4, (long)(int)a->a[0], ADDR_OUT_PTRS(o), (long)flags));
    if (fd < 0) {
        return fd;
    }
    int64_t r = addr_out_end(a, &o);
    if (r < 0) {
        close((int)fd);
        return r;
    }
    return fd;
}

int64_t sys_accept(SyscallArgs *a) { return do_accept(a, 0); }
int64_t sys_accept4(SyscallArgs *a) { return do_accept(a, a->a[3]); }

static int64_t do_getname(SyscallArgs *a, bool peer)
{
    AddrOut o;
    /* The kernel always writes the length, and the address unless the
     * length is 0. */
    addr_out_begin(&o, true, a->a[1], a->a[2]);
    int r = peer ? getpeername((int)a->a[0], (struct sockaddr *)&o.ss, &o.hlen)
                 : getsockname((int)a->a[0], (struct sockaddr *)&o.ss, &o.hlen);
    if (r < 0) {
        return -errno;
    }
    return addr_out_end(a, &o);
}

int64_t sys_getsockname(SyscallArgs *a) { return do_getname(a, false); }
int64_t sys_getpeername(SyscallArgs *a) { return do_getname(a, true); }

static int64_t do_sendto(SyscallArgs *a, uint32_t gaddr, uint32_t glen)
{
    struct sockaddr_storage ss;
    int64_t len = 0;
    void *buf = lock_user(a->a[1], a->a[2], PROT_READ);
    if (!buf) {
        return -EFAULT;
    }
    if (gaddr) {
        len = net_sockaddr_from_guest(a, &ss, gaddr, glen);
        if (len < 0) {
            return len;
        }
    }
    return net_intr((int)a->a[0], true,
                    safe_syscall(SYS_sendto, (long)(int)a->a[0], (long)buf, (long)a->a[2], (long)a->a[3],
                                 gaddr ? (long)&ss : 0L, (long)len));
}

int64_t sys_sendto(SyscallArgs *a) { return do_sendto(a, a->a[4], a->a[5]); }
int64_t sys_send(SyscallArgs *a) { return do_sendto(a, 0, 0); }

static int64_t do_recvfrom(SyscallArgs *a, uint32_t gaddr, uint32_t glenp)
{
    AddrOut o;
    void *buf = lock_user(a->a[1], a->a[2], PROT_WRITE);
    if (!buf) {
        return -EFAULT;
    }
    addr_out_begin(&o, gaddr != 0, gaddr, glenp);
    long n = net_intr((int)a->a[0], false,
                      safe_syscall(SYS_recvfrom, (long)(int)a->a[0], (long)buf, (long)a->a[2], (long)a->a[3],
                                   ADDR_OUT_PTRS(o)));
    if (n < 0) {
        return n;
    }
    /* Some protocols give no address (connected stream sockets). */
    int64_t r = addr_out_end(a, &o);
    return r < 0 ? r : n;
}

int64_t sys_recvfrom(SyscallArgs *a) { return do_recvfrom(a, a->a[4], a->a[5]); }
int64_t sys_recv(SyscallArgs *a) { return do_recvfrom(a, 0, 0); }

int64_t sys_shutdown(SyscallArgs *a)
{
    return ERRNO(shutdown((int)a->a[0], (int)a->a[1]));
}

/* ---- socketcall ---- */

int64_t sys_socketcall(SyscallArgs *a)
{
    /* linux/net.h SYS_SOCKET..SYS_SENDMMSG: argument count and handler. */
    static const struct {
        uint8_t nargs;
        SyscallFn fn;
    } calls[] = {
        [1] = { 3, sys_socket },       [2] = { 3, sys_bind },         [3] = { 3, sys_connect },
        [4] = { 2, sys_listen },       [5] = { 3, sys_accept },       [6] = { 3, sys_getsockname },
        [7] = { 3, sys_getpeername },  [8] = { 4, sys_socketpair },   [9] = { 4, sys_send },
        [10] = { 4, sys_recv },        [11] = { 6, sys_sendto },      [12] = { 6, sys_recvfrom },
        [13] = { 2, sys_shutdown },    [14] = { 5, sys_setsockopt },  [15] = { 5, sys_getsockopt },
        [16] = { 3, sys_sendmsg },     [17] = { 3, sys_recvmsg },     [18] = { 4, sys_accept4 },
        [19] = { 5, sys_recvmmsg },    [20] = { 4, sys_sendmmsg },
    };
    uint32_t call = a->a[0];
    if (call < 1 || call >= ARRAY_SIZE(calls)) {
        return -EINVAL;
    }
    const uint8_t *g = lock_user(a->a[1], calls[call].nargs * 4u, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    SyscallArgs b = *a;
    memset(b.a, 0, sizeof(b.a));
    for (unsigned i = 0; i < calls[call].nargs; i++) {
        b.a[i] = g_ld32(g + 4 * i, BE);
    }
    return calls[call].fn(&b);
}
