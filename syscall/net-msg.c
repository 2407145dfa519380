/*
 * Socket messages: sendmsg, recvmsg, sendmmsg, recvmmsg.
 *
 * The guest's struct msghdr has 32-bit fields (28 bytes; mmsghdr adds
 * msg_len: 32), its iovecs are two 32-bit words, and its control messages
 * have a 12-byte header with 4-byte alignment, where the host's have 16
 * and 8.  That is the same for every 32-bit guest; what differs is the byte
 * order and the SOL_SOCKET numbering.  Control messages are converted as
 * the kernel's compat layer does (net/compat.c): on send the payloads are
 * copied as they are, on receive the 64-bit time values shrink to 32 bits,
 * and a guest buffer that is too small truncates with MSG_CTRUNC (file
 * descriptors that do not fit are closed).
 */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <time.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/net.h"
#include "tcg/util.h"

#define BE NET_BE(a)

/* Guest struct layouts (every guest is 32-bit). */
enum {
    GM_NAME = 0, GM_NAMELEN = 4, GM_IOV = 8, GM_IOVLEN = 12, GM_CONTROL = 16, GM_CONTROLLEN = 20, GM_FLAGS = 24,
    GM_SIZE = 28,
    GMM_LEN = 28, GMM_SIZE = 32,            /* struct mmsghdr */
    GC_HDR = 12,                            /* struct cmsghdr: len, level, type */
};
#define GC_ALIGN(n) (((n) + 3u) & ~3u)

#define NET_UIO_MAXIOV 1024
#define NET_MSG_CMSG_COMPAT 0x80000000u    /* kernel-internal; a guest passing it is ignored */
#define NET_CONTROL_MAX (1u << 20)          /* larger control buffers: ENOBUFS / clamped */

/* Socket-level control message types the host headers may not name. */
#define NET_SCM_SECURITY 3
#define NET_SCM_PIDFD 4
#define NET_SO_TIMESTAMP_OLD 29
#define NET_SO_TIMESTAMPNS_OLD 35
#define NET_SO_TIMESTAMPING_OLD 37
#define NET_SO_TIMESTAMP_NEW 63
#define NET_SO_TIMESTAMPNS_NEW 64
#define NET_SO_TIMESTAMPING_NEW 65
#define NET_SO_MARK 36
#define NET_SO_PRIORITY 12
#define NET_SO_RXQ_OVFL 40
#define NET_SO_WIFI_STATUS 41
#define NET_SCM_TIMESTAMPING_OPT_STATS 54
#define NET_SCM_TIMESTAMPING_PKTINFO 58
#define NET_SCM_TXTIME 61
#define NET_SCM_TS_OPT_ID 81
#define NET_UDP_SEGMENT 103
#define NET_UDP_GRO 104
#define NET_IPV6_FLOWINFO 11

/* ---- control message payloads ---- */

enum {
    CK_LAYOUT,          /* same size: swap by layout (NULL: bytes) */
    CK_SOCKADDR,        /* a socket address */
    CK_TIMEVAL,         /* host struct timeval -> 32-bit guest one (receive) */
    CK_TIMESPEC,        /* host struct timespec -> 32-bit */
    CK_TIMESPEC3,       /* three of them (SO_TIMESTAMPING_OLD) */
    CK_EXTERR,          /* struct sock_extended_err + offender address */
};

typedef struct CmsgDef {
    int level, type;    /* host numbering */
    uint8_t kind;
    const SwapRun *layout;
} CmsgDef;

static const SwapRun l_pktinfo[] = { { 4, 1 }, { 0, 0 } };               /* ifindex, then addresses */
static const SwapRun l_pktinfo6[] = { { 1, 16 }, { 4, 1 }, { 0, 0 } };   /* address, ifindex */
static const SwapRun l_mtuinfo6[] = { { 2, 1 }, { 1, 22 }, { 4, 2 }, { 0, 0 } };   /* sockaddr_in6, mtu */
static const SwapRun l_u16[] = { { 2, 1 }, { 0, 0 } };
#define INTS net_layout_ints
#define S64S net_layout_s64

/* Guest -> host: payloads keep their size. */
static const CmsgDef cmsg_send[] = {
    { SOL_SOCKET, SCM_RIGHTS, CK_LAYOUT, INTS },
    { SOL_SOCKET, SCM_CREDENTIALS, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SO_MARK, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SO_PRIORITY, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SO_TIMESTAMPING_OLD, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SO_TIMESTAMPING_NEW, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SCM_TXTIME, CK_LAYOUT, S64S },
    { SOL_SOCKET, NET_SCM_TS_OPT_ID, CK_LAYOUT, INTS },
    { IPPROTO_IP, IP_PKTINFO, CK_LAYOUT, l_pktinfo },
    { IPPROTO_IP, IP_TTL, CK_LAYOUT, INTS },
    { IPPROTO_IP, IP_TOS, CK_LAYOUT, INTS },
    { IPPROTO_IP, IP_RETOPTS, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_PKTINFO, CK_LAYOUT, l_pktinfo6 },
    { IPPROTO_IPV6, IPV6_2292PKTINFO, CK_LAYOUT, l_pktinfo6 },
    { IPPROTO_IPV6, IPV6_HOPLIMIT, CK_LAYOUT, INTS },
    { IPPROTO_IPV6, IPV6_2292HOPLIMIT, CK_LAYOUT, INTS },
    { IPPROTO_IPV6, IPV6_TCLASS, CK_LAYOUT, INTS },
    { IPPROTO_IPV6, IPV6_DONTFRAG, CK_LAYOUT, INTS },
    { IPPROTO_IPV6, IPV6_NEXTHOP, CK_SOCKADDR, NULL },
    { IPPROTO_IPV6, IPV6_HOPOPTS, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_RTHDR, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_DSTOPTS, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_RTHDRDSTOPTS, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, NET_IPV6_FLOWINFO, CK_LAYOUT, NULL },
    { IPPROTO_UDP, NET_UDP_SEGMENT, CK_LAYOUT, l_u16 },
};

/* Host -> guest. */
static const CmsgDef cmsg_recv[] = {
    { SOL_SOCKET, SCM_CREDENTIALS, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SCM_SECURITY, CK_LAYOUT, NULL },
    { SOL_SOCKET, NET_SCM_PIDFD, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SO_TIMESTAMP_OLD, CK_TIMEVAL, NULL },
    { SOL_SOCKET, NET_SO_TIMESTAMPNS_OLD, CK_TIMESPEC, NULL },
    { SOL_SOCKET, NET_SO_TIMESTAMPING_OLD, CK_TIMESPEC3, NULL },
    { SOL_SOCKET, NET_SO_TIMESTAMP_NEW, CK_LAYOUT, S64S },
    { SOL_SOCKET, NET_SO_TIMESTAMPNS_NEW, CK_LAYOUT, S64S },
    { SOL_SOCKET, NET_SO_TIMESTAMPING_NEW, CK_LAYOUT, S64S },
    { SOL_SOCKET, NET_SO_RXQ_OVFL, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SO_MARK, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SO_PRIORITY, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SO_WIFI_STATUS, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SCM_TIMESTAMPING_PKTINFO, CK_LAYOUT, INTS },
    { SOL_SOCKET, NET_SCM_TIMESTAMPING_OPT_STATS, CK_LAYOUT, NULL },
    { IPPROTO_IP, IP_TTL, CK_LAYOUT, INTS },
    { IPPROTO_IP, IP_TOS, CK_LAYOUT, NULL },
    { IPPROTO_IP, IP_PKTINFO, CK_LAYOUT, l_pktinfo },
    { IPPROTO_IP, IP_RECVERR, CK_EXTERR, NULL },
    { IPPROTO_IP, IP_ORIGDSTADDR, CK_SOCKADDR, NULL },
    { IPPROTO_IP, IP_RECVFRAGSIZE, CK_LAYOUT, INTS },
    { IPPROTO_IP, IP_CHECKSUM, CK_LAYOUT, INTS },
    { IPPROTO_IP, IP_OPTIONS, CK_LAYOUT, NULL },
    { IPPROTO_IP, IP_RETOPTS, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_PKTINFO, CK_LAYOUT, l_pktinfo6 },
    { IPPROTO_IPV6, IPV6_2292PKTINFO, CK_LAYOUT, l_pktinfo6 },
    { IPPROTO_IPV6, IPV6_HOPLIMIT, CK_LAYOUT, INTS },
    { IPPROTO_IPV6, IPV6_2292HOPLIMIT, CK_LAYOUT, INTS },
    { IPPROTO_IPV6, IPV6_TCLASS, CK_LAYOUT, INTS },
    { IPPROTO_IPV6, IPV6_RECVERR, CK_EXTERR, NULL },
    { IPPROTO_IPV6, IPV6_ORIGDSTADDR, CK_SOCKADDR, NULL },
    { IPPROTO_IPV6, IPV6_PATHMTU, CK_LAYOUT, l_mtuinfo6 },
    { IPPROTO_IPV6, IPV6_RECVFRAGSIZE, CK_LAYOUT, INTS },
    { IPPROTO_IPV6, NET_IPV6_FLOWINFO, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_HOPOPTS, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_RTHDR, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_DSTOPTS, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_2292HOPOPTS, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_2292RTHDR, CK_LAYOUT, NULL },
    { IPPROTO_IPV6, IPV6_2292DSTOPTS, CK_LAYOUT, NULL },
    { IPPROTO_UDP, NET_UDP_GRO, CK_LAYOUT, INTS },
};

static const CmsgDef *cmsg_find(const CmsgDef *t, size_t n, int level, int type)
{
    for (size_t i = 0; i < n; i++) {
        if (t[i].level == level && t[i].type == type) {
            return &t[i];
        }
    }
    return NULL;
}

/* SOL_SOCKET types 1..4 are SCM_* constants; the others are SO_* names. */
static int cmsg_type_to_host(const SyscallArgs *a, int level, int type)
{
    return level == SOL_SOCKET && type > NET_SCM_PIDFD ? net_sockopt_to_host(a, type) : type;
}

static int cmsg_type_to_guest(const SyscallArgs *a, int level, int type)
{
    return level == SOL_SOCKET && type > NET_SCM_PIDFD ? net_sockopt_to_guest(a, type) : type;
}

/* Guest -> host payload, in place (same size). */
static void cmsg_payload_to_host(const SyscallArgs *a, int level, int type, uint8_t *p, size_t len)
{
    const CmsgDef *d = cmsg_find(cmsg_send, ARRAY_SIZE(cmsg_send), level, type);
    if (!d) {
        net_warn_once("control message", level, type);
        return;
    }
    if (d->kind == CK_SOCKADDR) {
        net_sockaddr_swap(p, len, BE, true);
    } else {
        net_swap_layout(d->layout, p, len, BE);
    }
}

/* Host -> guest payload, in place (the guest's is never larger); returns
 * the guest length. */
static size_t cmsg_payload_to_guest(const SyscallArgs *a, int level, int type, uint8_t *p, size_t len)
{
    const CmsgDef *d = cmsg_find(cmsg_recv, ARRAY_SIZE(cmsg_recv), level, type);
    if (!d) {
        net_warn_once("control message", level, type);
        return len;
    }
    switch (d->kind) {
    case CK_SOCKADDR:
        net_sockaddr_swap(p, len, BE, false);
        return len;
    case CK_TIMEVAL:
    case CK_TIMESPEC:
    case CK_TIMESPEC3: {
        /* Pairs of 64-bit words (seconds, micro- or nanoseconds) become
         * pairs of 32-bit ones, as put_cmsg_compat does. */
        size_t n = (d->kind == CK_TIMESPEC3 ? 3 : 1) * 2;
        if (len < n * 8) {
            return len;
        }
        for (size_t i = 0; i < n; i++) {
            int64_t v;
            memcpy(&v, p + 8 * i, 8);
            g_st32(p + 4 * i, (uint32_t)v, BE);
        }
        return n * 4;
    }
    case CK_EXTERR:
        /* ee_errno, ee_origin/type/code/pad, ee_info, ee_data, then the
         * offender's address. */
        if (len >= 4) {
            uint32_t e;
            memcpy(&e, p, 4);
            g_st32(p, (uint32_t)num_to_guest(a->ua->errnos, (int)e), BE);
        }
        if (len >= 16) {
            net_swap_layout(net_layout_ints, p + 8, 8, BE);
            net_sockaddr_swap(p + 16, len - 16, BE, false);
        }
        return len;
    default:
        net_swap_layout(d->layout, p, len, BE);
        return len;
    }
}

/* ---- struct msghdr ---- */

typedef struct NetMsg {
    struct msghdr m;
    struct sockaddr_storage name;
    struct iovec *iov;
    uint8_t *control;
    uint32_t gname, gnamelen;           /* the guest's name buffer */
    uint32_t gcontrol, gcontrollen;     /* and control buffer */
} NetMsg;

static void msg_free(NetMsg *nm)
{
    free(nm->iov);
    free(nm->control);
    nm->iov = NULL;
    nm->control = NULL;
}

static int64_t iov_from_guest(const SyscallArgs *a, NetMsg *nm, uint32_t giov, uint32_t n, bool send)
{
    if (n > NET_UIO_MAXIOV) {
        return -EMSGSIZE;
    }
    if (n == 0) {
        return 0;
    }
    const uint8_t *g = lock_user(giov, n * 8, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    nm->iov = xmalloc(n * sizeof(*nm->iov));
    for (uint32_t i = 0; i < n; i++) {
        uint32_t base = g_ld32(g + 8 * i, BE), len = g_ld32(g + 8 * i + 4, BE);
        if ((int32_t)len < 0) {
            return -EINVAL;
        }
        void *p = lock_user(base, len, send ? PROT_READ : PROT_WRITE);
        if (!p) {
            return -EFAULT;
        }
        nm->iov[i].iov_base = p;
        nm->iov[i].iov_len = len;
    }
    nm->m.msg_iov = nm->iov;
    nm->m.msg_iovlen = n;
    return 0;
}

/* The guest's control messages for sendmsg, as net/compat.c parses them. */
static int64_t control_from_guest(const SyscallArgs *a, NetMsg *nm)
{
    uint32_t glen = nm->gcontrollen;
    if (glen == 0) {
        return 0;
    }
    if (glen > NET_CONTROL_MAX) {
        return -ENOBUFS;
    }
    const uint8_t *g = lock_user(nm->gcontrol, glen, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    size_t hsize = 0;
    for (uint32_t off = 0; off + GC_HDR <= glen;) {
        uint32_t clen = g_ld32(g + off, BE);
        if (clen < GC_HDR || clen > glen - off) {
            return -EINVAL;
        }
        hsize += CMSG_SPACE(clen - GC_HDR);
        off += GC_ALIGN(clen);
    }
    if (hsize == 0) {
        /* Not even one header (a 64-bit kernel's compat layer says EINVAL
         * here; a 32-bit kernel finds no messages). */
        return 0;
    }
    nm->control = xmalloc(hsize);
    memset(nm->control, 0, hsize);
    uint8_t *h = nm->control;
    for (uint32_t off = 0; off + GC_HDR <= glen;) {
        uint32_t clen = g_ld32(g + off, BE), plen = clen - GC_HDR;
        struct cmsghdr *c = (struct cmsghdr *)h;
        c->cmsg_len = CMSG_LEN(plen);
        c->cmsg_level = net_level_to_host(a, (int)g_ld32(g + off + 4, BE));
        c->cmsg_type = cmsg_type_to_host(a, c->cmsg_level, (int)g_ld32(g + off + 8, BE));
        memcpy(CMSG_DATA(c), g + off + GC_HDR, plen);
        cmsg_payload_to_host(a, c->cmsg_level, c->cmsg_type, CMSG_DATA(c), plen);
        h += CMSG_SPACE(plen);
        off += GC_ALIGN(clen);
    }
    nm->m.msg_control = nm->control;
    nm->m.msg_controllen = hsize;
    return 0;
}

/* Read the guest msghdr at g into nm. */
static int64_t msg_from_guest(const SyscallArgs *a, NetMsg *nm, const uint8_t *g, bool send)
{
    memset(nm, 0, sizeof(*nm));
    nm->gname = g_ld32(g + GM_NAME, BE);
    nm->gnamelen = g_ld32(g + GM_NAMELEN, BE);
    nm->gcontrol = g_ld32(g + GM_CONTROL, BE);
    nm->gcontrollen = g_ld32(g + GM_CONTROLLEN, BE);
    if (nm->gname) {
        if ((int32_t)nm->gnamelen < 0) {
            return -EINVAL;
        }
        uint32_t n = nm->gnamelen < sizeof(nm->name) ? nm->gnamelen : sizeof(nm->name);
        nm->m.msg_name = &nm->name;
        if (send) {
            int64_t r = net_sockaddr_from_guest(a, &nm->name, nm->gname, n);
            if (r < 0) {
                return r;
            }
            nm->m.msg_namelen = n;
        } else {
            nm->m.msg_namelen = sizeof(nm->name);
        }
    }
    int64_t r = iov_from_guest(a, nm, g_ld32(g + GM_IOV, BE), g_ld32(g + GM_IOVLEN, BE), send);
    if (r < 0) {
        return r;
    }
    if (send) {
        if (nm->gcontrollen > INT32_MAX) {
            return -ENOBUFS;
        }
        return control_from_guest(a, nm);
    }
    /* Receive: room for whatever the guest's buffer can take in host form
     * (headers grow by 4, alignment by up to 4, time values double). */
    if (!nm->gcontrol) {
        nm->gcontrollen = 0;
    }
    if (nm->gcontrollen >= GC_HDR) {
        if (!lock_user(nm->gcontrol, nm->gcontrollen, PROT_WRITE)) {
            return -EFAULT;
        }
        size_t hsize = (size_t)nm->gcontrollen * 2 + 64;
        if (hsize > NET_CONTROL_MAX) {
            hsize = NET_CONTROL_MAX;
        }
        nm->control = xmalloc(hsize);
        memset(nm->control, 0, hsize);
        nm->m.msg_control = nm->control;
        nm->m.msg_controllen = hsize;
    }
    return 0;
}

static void close_fds(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        int fd;
        memcpy(&fd, p + 4 * i, 4);
        close(fd);
    }
}

/* Received control messages -> the guest's buffer; returns the bytes used
 * and adds MSG_CTRUNC to *flags when something did not fit. */
static uint32_t control_to_guest(const SyscallArgs *a, NetMsg *nm, int *flags)
{
    uint32_t cap = nm->gcontrollen, pos = 0;
    uint8_t *g = cap ? lock_user(nm->gcontrol, cap, PROT_WRITE) : NULL;
    if (!nm->control) {
        return 0;
    }
    uint8_t *base = nm->control, *end = base + nm->m.msg_controllen;
    for (struct cmsghdr *c = CMSG_FIRSTHDR(&nm->m); c; c = CMSG_NXTHDR(&nm->m, c)) {
        if (c->cmsg_len < CMSG_LEN(0)) {
            break;
        }
        uint8_t *p = CMSG_DATA(c);
        size_t plen = c->cmsg_len - CMSG_LEN(0);
        if (plen > (size_t)(end - p)) {
            plen = (size_t)(end - p);
        }
        uint32_t room = g ? cap - pos : 0;
        if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SCM_RIGHTS) {
            /* As many descriptors as fit; the others are closed. */
            size_t nfds = plen / 4, fit = room >= GC_HDR ? (room - GC_HDR) / 4 : 0;
            size_t n = nfds < fit ? nfds : fit;
            close_fds(p + 4 * n, nfds - n);
            if (n < nfds) {
                *flags |= MSG_CTRUNC;
            }
            if (n == 0) {
                continue;
            }
            net_swap_layout(net_layout_ints, p, n * 4, BE);
            plen = n * 4;
        } else {
            plen = cmsg_payload_to_guest(a, c->cmsg_level, c->cmsg_type, p, plen);
            if (room < GC_HDR) {
                *flags |= MSG_CTRUNC;
                continue;
            }
        }
        uint32_t clen = GC_HDR + (uint32_t)plen;
        if (clen > room) {
            *flags |= MSG_CTRUNC;
            clen = room;
        }
        g_st32(g + pos, clen, BE);
        g_st32(g + pos + 4, (uint32_t)net_level_to_guest(a, c->cmsg_level), BE);
        g_st32(g + pos + 8, (uint32_t)cmsg_type_to_guest(a, c->cmsg_level, c->cmsg_type), BE);
        memcpy(g + pos + GC_HDR, p, clen - GC_HDR);
        uint32_t adv = GC_ALIGN(GC_HDR + (uint32_t)plen);
        pos += adv < room ? adv : room;
    }
    return pos;
}

/* After a receive: the address, control messages, lengths and flags. */
static int64_t msg_to_guest(const SyscallArgs *a, NetMsg *nm, uint32_t gmsg)
{
    int flags = nm->m.msg_flags;
    uint32_t used = control_to_guest(a, nm, &flags);
    uint8_t *g = lock_user(gmsg, GM_SIZE, PROT_READ | PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (nm->gname) {
        int64_t r = net_sockaddr_put(a, nm->gname, nm->gnamelen, &nm->name, nm->m.msg_namelen);
        if (r < 0) {
            return r;
        }
        g_st32(g + GM_NAMELEN, nm->m.msg_namelen, BE);
    }
    g_st32(g + GM_CONTROLLEN, used, BE);
    g_st32(g + GM_FLAGS, (uint32_t)flags & ~NET_MSG_CMSG_COMPAT, BE);
    return 0;
}

/* ---- the calls ---- */

int64_t sys_sendmsg(SyscallArgs *a)
{
    const uint8_t *g = lock_user(a->a[1], GM_SIZE, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    NetMsg nm;
    int64_t r = msg_from_guest(a, &nm, g, true);
    if (r == 0) {
        r = net_intr((int)a->a[0], true,
                     safe_syscall(SYS_sendmsg, (long)(int)a->a[0], (long)&nm.m, (long)(a->a[2] & ~NET_MSG_CMSG_COMPAT)));
    }
    msg_free(&nm);
    return r;
}

int64_t sys_recvmsg(SyscallArgs *a)
{
    const uint8_t *g = lock_user(a->a[1], GM_SIZE, PROT_READ | PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    NetMsg nm;
    int64_t r = msg_from_guest(a, &nm, g, false);
    if (r == 0) {
        r = net_intr((int)a->a[0], false,
                     safe_syscall(SYS_recvmsg, (long)(int)a->a[0], (long)&nm.m, (long)(a->a[2] & ~NET_MSG_CMSG_COMPAT)));
        if (r >= 0) {
            int64_t e = msg_to_guest(a, &nm, a->a[1]);
            if (e < 0) {
                r = e;
            }
        }
    }
    msg_free(&nm);
    return r;
}

/* Convert vlen guest mmsghdrs; returns how many converted (the first
 * failure ends the vector, as the kernel stops at the first error) or
 * -errno if the first one failed. */
static int64_t mmsg_from_guest(const SyscallArgs *a, NetMsg *nm, struct mmsghdr *hv, const uint8_t *g, uint32_t vlen,
                               bool send)
{
    for (uint32_t i = 0; i < vlen; i++) {
        int64_t r = msg_from_guest(a, &nm[i], g + GMM_SIZE * i, send);
        if (r < 0) {
            msg_free(&nm[i]);
            return i ? (int64_t)i : r;
        }
        hv[i].msg_hdr = nm[i].m;
        hv[i].msg_len = 0;
    }
    return vlen;
}

int64_t sys_sendmmsg(SyscallArgs *a)
{
    uint32_t vlen = a->a[2] > NET_UIO_MAXIOV ? NET_UIO_MAXIOV : a->a[2];
    if (vlen == 0) {
        return 0;
    }
    uint8_t *g = lock_user(a->a[1], vlen * GMM_SIZE, PROT_READ | PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    NetMsg *nm = xmalloc(vlen * sizeof(*nm));
    struct mmsghdr *hv = xmalloc(vlen * sizeof(*hv));
    int64_t n = mmsg_from_guest(a, nm, hv, g, vlen, true);
    int64_t r = n;
    if (n > 0) {
        r = net_intr((int)a->a[0], true,
                     safe_syscall(SYS_sendmmsg, (long)(int)a->a[0], (long)hv, (long)n,
                                  (long)(a->a[3] & ~NET_MSG_CMSG_COMPAT)));
        g = lock_user(a->a[1], (uint32_t)n * GMM_SIZE, PROT_WRITE);
        for (int64_t i = 0; g && i < r; i++) {
            g_st32(g + GMM_SIZE * i + GMM_LEN, hv[i].msg_len, BE);
        }
    }
    for (int64_t i = 0; i < n; i++) {
        msg_free(&nm[i]);
    }
    free(nm);
    free(hv);
    return r;
}

static int64_t do_recvmmsg(SyscallArgs *a, bool t64)
{
    uint32_t vlen = a->a[2] > NET_UIO_MAXIOV ? NET_UIO_MAXIOV : a->a[2];
    struct timespec ts;
    uint8_t *gts = NULL;
    if (a->a[4]) {
        gts = lock_user(a->a[4], t64 ? 16 : 8, PROT_READ | PROT_WRITE);
        if (!gts) {
            return -EFAULT;
        }
        if (t64) {
            ts.tv_sec = (time_t)g_ld64(gts, BE);
            ts.tv_nsec = (long)(int32_t)g_ld32(gts + (BE ? 12 : 8), BE);
        } else {
            ts.tv_sec = (int32_t)g_ld32(gts, BE);
            ts.tv_nsec = (int32_t)g_ld32(gts + 4, BE);
        }
    }
    uint8_t *g = lock_user(a->a[1], vlen * GMM_SIZE, PROT_READ | PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    if (vlen == 0) {
        /* The kernel still checks the descriptor and the timeout. */
        return safe_syscall(SYS_recvmmsg, (long)(int)a->a[0], 0L, 0L, (long)a->a[3], gts ? (long)&ts : 0L);
    }
    NetMsg *nm = xmalloc(vlen * sizeof(*nm));
    struct mmsghdr *hv = xmalloc(vlen * sizeof(*hv));
    int64_t n = mmsg_from_guest(a, nm, hv, g, vlen, false);
    int64_t r = n;
    if (n > 0) {
        r = net_intr((int)a->a[0], false,
                     safe_syscall(SYS_recvmmsg, (long)(int)a->a[0], (long)hv, (long)n,
                                  (long)(a->a[3] & ~NET_MSG_CMSG_COMPAT), gts ? (long)&ts : 0L));
        for (int64_t i = 0; i < r; i++) {
            nm[i].m = hv[i].msg_hdr;
            int64_t e = msg_to_guest(a, &nm[i], a->a[1] + GMM_SIZE * (uint32_t)i);
            uint8_t *gl = lock_user(a->a[1] + GMM_SIZE * (uint32_t)i + GMM_LEN, 4, PROT_WRITE);
            if (e < 0 || !gl) {
                /* As the kernel: what was received before the error counts. */
                r = i ? i : e < 0 ? e : -EFAULT;
                break;
            }
            g_st32(gl, hv[i].msg_len, BE);
        }
        if (r > 0 && gts) {
            /* The kernel reports the time left. */
            if (t64) {
                g_st64(gts, (uint64_t)ts.tv_sec, BE);
                g_st64(gts + 8, (uint64_t)ts.tv_nsec, BE);
            } else {
                g_st32(gts, (uint32_t)ts.tv_sec, BE);
                g_st32(gts + 4, (uint32_t)ts.tv_nsec, BE);
            }
        }
    }
    for (int64_t i = 0; i < n; i++) {
        msg_free(&nm[i]);
    }
    free(nm);
    free(hv);
    return r;
}

int64_t sys_recvmmsg(SyscallArgs *a) { return do_recvmmsg(a, false); }
int64_t sys_recvmmsg_time64(SyscallArgs *a) { return do_recvmmsg(a, true); }
