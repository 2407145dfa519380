/*
 * Socket options: setsockopt and getsockopt.
 *
 * Options are described as data, by host level and option name ranges:
 * most values have the same layout in the guest and on the host and only
 * need their fixed-width fields swapped for a big-endian guest (a SwapRun
 * layout); the rest have a kind that converts them.  An option not in the
 * table passes through when its value is an int, and is refused with
 * ENOPROTOOPT and one warning otherwise.  The guest's SOL_SOCKET level and
 * option numbers go through the ABI's tables first (MIPS and PPC differ).
 */
#include <errno.h>
#include <linux/filter.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <sys/time.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/net.h"
#include "tcg/util.h"

#define BE NET_BE(a)

enum {
    OK_LAYOUT,          /* same layout: swap by SwapRun (NULL: bytes) */
    OK_TYPE,            /* int holding a SOCK_* type (SO_TYPE) */
    OK_ERRNO,           /* int holding an errno (SO_ERROR) */
    OK_TIMEVAL,         /* struct timeval: 32-bit in the guest (SO_RCVTIMEO_OLD...) */
    OK_SOCKADDR,        /* a socket address */
    OK_WORD,            /* u64, or u32 when the length is 4 */
    OK_GROUP_REQ,       /* struct group_req: the address is 8-aligned on the host */
    OK_GROUP_SOURCE_REQ,
    OK_FPROG,           /* struct sock_fprog to set; sock_filter[] when read */
    OK_NONE,            /* known but not convertible */
};

typedef struct SockOptDef {
    int level;          /* host level */
    int lo, hi;         /* host option names lo..hi */
    uint8_t kind;
    const SwapRun *layout;
} SockOptDef;

#define INTS net_layout_ints
#define S64S net_layout_s64

static const SwapRun l_mreqn[] = { { 1, 8 }, { 4, 1 }, { 0, 0 } };          /* ip_mreqn: ifindex; ip_mreq: bytes */
static const SwapRun l_msfilter[] = { { 1, 8 }, { 4, 2 }, { 0, 0 } };       /* fmode, numsrc */
static const SwapRun l_mreq6[] = { { 1, 16 }, { 4, 1 }, { 0, 0 } };         /* ipv6_mreq, in6_pktinfo */
static const SwapRun l_mtuinfo6[] = { { 2, 1 }, { 1, 22 }, { 4, 2 }, { 0, 0 } };
static const SwapRun l_flowlabel[] = { { 1, 20 }, { 1, 2 }, { 2, 3 }, { 4, 1 }, { 0, 0 } };
/* struct tcp_info: u8s (the wscale bitfields are not reordered), then
 * u32/u64 groups as in linux/tcp.h. */
static const SwapRun l_tcp_info[] = {
    { 1, 8 }, { 4, 24 }, { 8, 4 }, { 4, 6 }, { 8, 4 }, { 4, 2 }, { 8, 2 }, { 4, 6 }, { 2, 2 }, { 4, 0 }, { 0, 0 },
};
/* struct tcp_md5sig: sockaddr_storage, flags, prefixlen, keylen, ifindex, key. */
static const SwapRun l_md5sig[] = { { 2, 1 }, { 1, 126 }, { 1, 2 }, { 2, 1 }, { 4, 1 }, { 0, 0 } };
static const SwapRun l_packet_mreq[] = { { 4, 1 }, { 2, 2 }, { 0, 0 } };    /* ifindex, type, alen */
static const SwapRun l_tls_crypto[] = { { 2, 2 }, { 0, 0 } };               /* version, cipher_type */
static const SwapRun l_u16[] = { { 2, 1 }, { 0, 0 } };
static const SwapRun l_sock_filter[] = { { 2, 1 }, { 1, 2 }, { 4, 1 }, { 2, 1 }, { 1, 2 }, { 4, 1 }, { 0, 0 } };

#define NET_SOL_CAN_RAW 101                 /* SOL_CAN_BASE + CAN_RAW */

#define L(level, lo, hi, kind, layout) { level, lo, hi, kind, layout }
#define ANY_NAME 0x7fffffff

/* First match wins: exceptions before a level's catch-all row. */
static const SockOptDef sockopts[] = {
    /* SOL_SOCKET (generic numbering, asm-generic/socket.h) */
    L(SOL_SOCKET, 1, 2, OK_LAYOUT, INTS),          /* DEBUG, REUSEADDR */
    L(SOL_SOCKET, 3, 3, OK_TYPE, NULL),
    L(SOL_SOCKET, 4, 4, OK_ERRNO, NULL),
    L(SOL_SOCKET, 5, 19, OK_LAYOUT, INTS),         /* ... LINGER, PASSCRED, PEERCRED (ucred), RCVLOWAT, SNDLOWAT */
    L(SOL_SOCKET, 20, 21, OK_TIMEVAL, NULL),       /* RCVTIMEO_OLD, SNDTIMEO_OLD */
    L(SOL_SOCKET, 25, 25, OK_LAYOUT, NULL),        /* BINDTODEVICE */
    L(SOL_SOCKET, 26, 26, OK_FPROG, NULL),         /* ATTACH_FILTER / GET_FILTER */
    L(SOL_SOCKET, 27, 27, OK_LAYOUT, INTS),        /* DETACH_FILTER */
    L(SOL_SOCKET, 28, 28, OK_SOCKADDR, NULL),      /* PEERNAME */
    L(SOL_SOCKET, 29, 30, OK_LAYOUT, INTS),        /* TIMESTAMP_OLD, ACCEPTCONN */
    L(SOL_SOCKET, 31, 31, OK_LAYOUT, NULL),        /* PEERSEC */
    L(SOL_SOCKET, 32, 46, OK_LAYOUT, INTS),        /* ... TIMESTAMPING_OLD (int or so_timestamping) ... BUSY_POLL */
    L(SOL_SOCKET, 47, 47, OK_WORD, NULL),          /* MAX_PACING_RATE */
    L(SOL_SOCKET, 48, 50, OK_LAYOUT, INTS),        /* BPF_EXTENSIONS, INCOMING_CPU, ATTACH_BPF */
    L(SOL_SOCKET, 51, 51, OK_FPROG, NULL),         /* ATTACH_REUSEPORT_CBPF */
    L(SOL_SOCKET, 52, 53, OK_LAYOUT, INTS),
    L(SOL_SOCKET, 55, 56, OK_LAYOUT, INTS),        /* MEMINFO (u32[]), INCOMING_NAPI_ID */
    L(SOL_SOCKET, 57, 57, OK_WORD, NULL),          /* COOKIE */
    L(SOL_SOCKET, 59, 65, OK_LAYOUT, INTS),        /* PEERGROUPS, ZEROCOPY, TXTIME, BINDTOIFINDEX, TIMESTAMP*_NEW */
    L(SOL_SOCKET, 66, 67, OK_LAYOUT, S64S),        /* RCVTIMEO_NEW, SNDTIMEO_NEW */
    L(SOL_SOCKET, 68, 70, OK_LAYOUT, INTS),
    L(SOL_SOCKET, 71, 71, OK_WORD, NULL),          /* NETNS_COOKIE */
    L(SOL_SOCKET, 72, 77, OK_LAYOUT, INTS),        /* ... RCVMARK, PASSPIDFD, PEERPIDFD */
    L(SOL_SOCKET, 80, 80, OK_LAYOUT, INTS),        /* DEVMEM_DONTNEED (u32 pairs) */
    L(SOL_SOCKET, 82, 84, OK_LAYOUT, INTS),        /* RCVPRIORITY, PASSRIGHTS, INQ */

    /* IPPROTO_IP */
    L(IPPROTO_IP, IP_OPTIONS, IP_OPTIONS, OK_LAYOUT, NULL),
    L(IPPROTO_IP, 9, 9, OK_NONE, NULL),            /* PKTOPTIONS: host control messages */
    L(IPPROTO_IP, 16, 17, OK_NONE, NULL),          /* IPSEC_POLICY, XFRM_POLICY */
    L(IPPROTO_IP, 1, 26, OK_LAYOUT, INTS),
    L(IPPROTO_IP, IP_MULTICAST_IF, IP_MULTICAST_IF, OK_LAYOUT, l_mreqn),
    L(IPPROTO_IP, 33, 34, OK_LAYOUT, INTS),        /* MULTICAST_TTL, MULTICAST_LOOP */
    L(IPPROTO_IP, 35, 36, OK_LAYOUT, l_mreqn),     /* ADD/DROP_MEMBERSHIP */
    L(IPPROTO_IP, 37, 40, OK_LAYOUT, NULL),        /* source memberships: addresses only */
    L(IPPROTO_IP, 41, 41, OK_LAYOUT, l_msfilter),
    L(IPPROTO_IP, 49, 49, OK_LAYOUT, INTS),        /* MULTICAST_ALL */
    L(IPPROTO_IP, 50, 50, OK_LAYOUT, NULL),        /* UNICAST_IF: network order */
    L(IPPROTO_IP, 51, 52, OK_LAYOUT, INTS),

    /* IPPROTO_IPV6 */
    L(IPPROTO_IPV6, 6, 6, OK_NONE, NULL),          /* 2292PKTOPTIONS */
    L(IPPROTO_IPV6, 9, 9, OK_SOCKADDR, NULL),      /* NEXTHOP */
    L(IPPROTO_IPV6, 1, 19, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 20, 21, OK_LAYOUT, l_mreq6),   /* ADD/DROP_MEMBERSHIP */
    L(IPPROTO_IPV6, 22, 26, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 27, 28, OK_LAYOUT, l_mreq6),   /* JOIN/LEAVE_ANYCAST */
    L(IPPROTO_IPV6, 29, 31, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 32, 32, OK_LAYOUT, l_flowlabel),
    L(IPPROTO_IPV6, 34, 35, OK_NONE, NULL),        /* IPSEC_POLICY, XFRM_POLICY */
    L(IPPROTO_IPV6, 36, 36, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 49, 49, OK_LAYOUT, INTS),      /* RECVPKTINFO */
    L(IPPROTO_IPV6, 50, 50, OK_LAYOUT, l_mreq6),   /* PKTINFO */
    L(IPPROTO_IPV6, 51, 53, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 54, 55, OK_LAYOUT, NULL),      /* HOPOPTS, RTHDRDSTOPTS */
    L(IPPROTO_IPV6, 56, 56, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 57, 57, OK_LAYOUT, NULL),      /* RTHDR */
    L(IPPROTO_IPV6, 58, 58, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 59, 59, OK_LAYOUT, NULL),      /* DSTOPTS */
    L(IPPROTO_IPV6, 60, 60, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 61, 61, OK_LAYOUT, l_mtuinfo6),
    L(IPPROTO_IPV6, 62, 75, OK_LAYOUT, INTS),
    L(IPPROTO_IPV6, 76, 76, OK_LAYOUT, NULL),      /* UNICAST_IF: network order */
    L(IPPROTO_IPV6, 77, 80, OK_LAYOUT, INTS),

    /* MCAST_* for both IP versions */
    L(IPPROTO_IP, 42, 42, OK_GROUP_REQ, NULL),     /* MCAST_JOIN_GROUP */
    L(IPPROTO_IP, 43, 44, OK_GROUP_SOURCE_REQ, NULL),
    L(IPPROTO_IP, 45, 45, OK_GROUP_REQ, NULL),     /* MCAST_LEAVE_GROUP */
    L(IPPROTO_IP, 46, 47, OK_GROUP_SOURCE_REQ, NULL),
    L(IPPROTO_IP, 48, 48, OK_NONE, NULL),          /* MCAST_MSFILTER */
    L(IPPROTO_IPV6, 42, 42, OK_GROUP_REQ, NULL),
    L(IPPROTO_IPV6, 43, 44, OK_GROUP_SOURCE_REQ, NULL),
    L(IPPROTO_IPV6, 45, 45, OK_GROUP_REQ, NULL),
    L(IPPROTO_IPV6, 46, 47, OK_GROUP_SOURCE_REQ, NULL),
    L(IPPROTO_IPV6, 48, 48, OK_NONE, NULL),

    /* IPPROTO_TCP: ints but for these */
    L(IPPROTO_TCP, 11, 11, OK_LAYOUT, l_tcp_info),
    L(IPPROTO_TCP, 13, 13, OK_LAYOUT, NULL),       /* CONGESTION */
    L(IPPROTO_TCP, 14, 14, OK_LAYOUT, l_md5sig),   /* MD5SIG */
    L(IPPROTO_TCP, 28, 28, OK_LAYOUT, NULL),       /* SAVED_SYN */
    L(IPPROTO_TCP, 31, 31, OK_LAYOUT, NULL),       /* ULP */
    L(IPPROTO_TCP, 32, 32, OK_LAYOUT, l_md5sig),   /* MD5SIG_EXT */
    L(IPPROTO_TCP, 33, 33, OK_LAYOUT, NULL),       /* FASTOPEN_KEY */
    L(IPPROTO_TCP, 35, 35, OK_NONE, NULL),         /* ZEROCOPY_RECEIVE: pointers */
    L(IPPROTO_TCP, 38, 41, OK_NONE, NULL),         /* TCP_AO_* */
    L(IPPROTO_TCP, 0, ANY_NAME, OK_LAYOUT, INTS),

    L(IPPROTO_UDP, 0, ANY_NAME, OK_LAYOUT, INTS),
    L(IPPROTO_UDPLITE, 0, ANY_NAME, OK_LAYOUT, INTS),
    L(SOL_RAW, 0, ANY_NAME, OK_LAYOUT, INTS),              /* ICMP_FILTER */
    L(IPPROTO_ICMPV6, 0, ANY_NAME, OK_LAYOUT, INTS),       /* ICMP6_FILTER: u32[8] */
    L(SOL_NETLINK, 0, ANY_NAME, OK_LAYOUT, INTS),
    L(SOL_PACKET, 1, 2, OK_LAYOUT, l_packet_mreq), /* ADD/DROP_MEMBERSHIP */
    L(SOL_PACKET, 22, 22, OK_FPROG, NULL),         /* FANOUT_DATA (classic BPF) */
    L(SOL_PACKET, 0, ANY_NAME, OK_LAYOUT, INTS),
    L(SOL_ALG, 0, ANY_NAME, OK_LAYOUT, NULL),              /* keys */
    L(SOL_TLS, 1, 2, OK_LAYOUT, l_tls_crypto),     /* TLS_TX, TLS_RX */
    L(SOL_TLS, 0, ANY_NAME, OK_LAYOUT, INTS),
    L(NET_SOL_CAN_RAW, 8, 8, OK_LAYOUT, NULL),     /* XL_VCID_OPTS: bytes */
    L(NET_SOL_CAN_RAW, 0, ANY_NAME, OK_LAYOUT, INTS),   /* FILTER (u32 pairs), ERR_FILTER, flags */
    L(SOL_BLUETOOTH, 4, 4, OK_LAYOUT, NULL),       /* BT_SECURITY: u8s */
    L(SOL_BLUETOOTH, 9, 9, OK_LAYOUT, NULL),       /* BT_POWER: u8 */
    L(SOL_BLUETOOTH, 11, 13, OK_LAYOUT, l_u16),    /* BT_VOICE, BT_SNDMTU, BT_RCVMTU */
    L(SOL_BLUETOOTH, 15, 15, OK_LAYOUT, NULL),     /* BT_MODE: u8 */
    L(SOL_BLUETOOTH, 7, 16, OK_LAYOUT, INTS),      /* DEFER_SETUP, FLUSHABLE, CHANNEL_POLICY, PHY, PKT_STATUS */
};

static const SockOptDef *sockopt_find(int level, int name)
{
    for (size_t i = 0; i < ARRAY_SIZE(sockopts); i++) {
        const SockOptDef *d = &sockopts[i];
        if (d->level == level && name >= d->lo && name <= d->hi) {
            return d;
        }
    }
    return NULL;
}

static void guest_level_name(const SyscallArgs *a, int *level, int *name)
{
    *level = net_level_to_host(a, (int)a->a[1]);
    *name = *level == SOL_SOCKET ? net_sockopt_to_host(a, (int)a->a[2]) : (int)a->a[2];
}

/* Guest struct group_req / group_source_req: the interface, then one or
 * two sockaddr_storage at 4-byte alignment. */
#define G_GROUP_REQ_SIZE (4 + 128)
#define G_GROUP_SOURCE_REQ_SIZE (4 + 2 * 128)

static int64_t set_group_req(SyscallArgs *a, int level, int name, bool source)
{
    uint32_t gval = a->a[3], glen = a->a[4];
    uint32_t need = source ? G_GROUP_SOURCE_REQ_SIZE : G_GROUP_REQ_SIZE;
    if (glen < need) {
        return -EINVAL;
    }
    const uint8_t *g = lock_user(gval, need, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    int fd = (int)a->a[0];
    if (source) {
        struct group_source_req r;
        memset(&r, 0, sizeof(r));
        r.gsr_interface = g_ld32(g, BE);
        memcpy(&r.gsr_group, g + 4, 128);
        memcpy(&r.gsr_source, g + 4 + 128, 128);
        net_sockaddr_swap((uint8_t *)&r.gsr_group, 128, BE, true);
        net_sockaddr_swap((uint8_t *)&r.gsr_source, 128, BE, true);
        return ERRNO(setsockopt(fd, level, name, &r, sizeof(r)));
    }
    struct group_req r;
    memset(&r, 0, sizeof(r));
    r.gr_interface = g_ld32(g, BE);
    memcpy(&r.gr_group, g + 4, 128);
    net_sockaddr_swap((uint8_t *)&r.gr_group, 128, BE, true);
    return ERRNO(setsockopt(fd, level, name, &r, sizeof(r)));
}

static int64_t set_fprog(SyscallArgs *a, int level, int name)
{
    if (a->a[4] < 8) {
        return -EINVAL;
    }
    const uint8_t *g = lock_user(a->a[3], 8, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    struct sock_fprog fp;
    fp.len = g_ld16(g, BE);
    uint32_t gfilter = g_ld32(g + 4, BE);
    size_t bytes = (size_t)fp.len * sizeof(struct sock_filter);
    void *filter = lock_user(gfilter, (uint32_t)bytes, PROT_READ);
    if (!filter) {
        return -EFAULT;
    }
    void *copy = NULL;
    if (BE && bytes) {
        copy = xmalloc(bytes);
        memcpy(copy, filter, bytes);
        net_swap_layout(l_sock_filter, copy, bytes, true);
        filter = copy;
    }
    fp.filter = filter;
    int64_t r = ERRNO(setsockopt((int)a->a[0], level, name, &fp, sizeof(fp)));
    free(copy);
    return r;
}

int64_t sys_setsockopt(SyscallArgs *a)
{
    int fd = (int)a->a[0], level, name;
    uint32_t gval = a->a[3], glen = a->a[4];
    if ((int32_t)glen < 0) {
        return -EINVAL;
    }
    guest_level_name(a, &level, &name);
    const SockOptDef *d = sockopt_find(level, name);
    int kind = d ? d->kind : OK_LAYOUT;
    const SwapRun *layout = d ? d->layout : INTS;
    if (!d && glen > 4) {
        net_warn_once("socket option", level, name);
        return -ENOPROTOOPT;
    }
    switch (kind) {
    case OK_TIMEVAL: {
        if (glen < 8) {
            return -EINVAL;
        }
        const uint8_t *g = lock_user(gval, 8, PROT_READ);
        if (!g) {
            return -EFAULT;
        }
        struct timeval tv = { (int32_t)g_ld32(g, BE), (int32_t)g_ld32(g + 4, BE) };
        return ERRNO(setsockopt(fd, level, name, &tv, sizeof(tv)));
    }
    case OK_GROUP_REQ:
    case OK_GROUP_SOURCE_REQ:
        return set_group_req(a, level, name, kind == OK_GROUP_SOURCE_REQ);
    case OK_FPROG:
        return set_fprog(a, level, name);
    case OK_NONE:
        net_warn_once("socket option", level, name);
        return -ENOPROTOOPT;
    default:
        break;
    }
    /* Same layout on both sides. */
    const uint8_t *g = lock_user(gval, glen, PROT_READ);
    if (!g) {
        return -EFAULT;
    }
    if (!BE || glen == 0 || (kind == OK_LAYOUT && !layout)) {
        return ERRNO(setsockopt(fd, level, name, glen ? g : NULL, glen));
    }
    uint8_t *h = xmalloc(glen);
    memcpy(h, g, glen);
    switch (kind) {
    case OK_SOCKADDR:
        net_sockaddr_swap(h, glen, true, true);
        break;
    case OK_WORD:
        net_swap_layout(glen >= 8 ? S64S : INTS, h, glen >= 8 ? 8 : glen, true);
        break;
    default:
        net_swap_layout(layout, h, glen, true);
        break;
    }
    int64_t r = ERRNO(setsockopt(fd, level, name, h, glen));
    free(h);
    return r;
}

/* A host int in a guest buffer, in place. */
static void int_to_guest(uint8_t *p, uint32_t len, int v, bool be)
{
    if (len >= 4) {
        g_st32(p, (uint32_t)v, be);
    }
}

int64_t sys_getsockopt(SyscallArgs *a)
{
    int fd = (int)a->a[0], level, name;
    uint32_t gval = a->a[3];
    uint8_t *lp = lock_user(a->a[4], 4, PROT_READ | PROT_WRITE);
    if (!lp) {
        return -EFAULT;
    }
    uint32_t glen = g_ld32(lp, BE);
    if ((int32_t)glen < 0) {
        return -EINVAL;
    }
    guest_level_name(a, &level, &name);
    const SockOptDef *d = sockopt_find(level, name);
    int kind = d ? d->kind : -1;
    socklen_t hl;

    switch (kind) {
    case OK_TIMEVAL: {
        struct timeval tv;
        hl = sizeof(tv);
        if (getsockopt(fd, level, name, &tv, &hl) < 0) {
            return -errno;
        }
        uint8_t b[8];
        g_st32(b, (uint32_t)tv.tv_sec, BE);
        g_st32(b + 4, (uint32_t)tv.tv_usec, BE);
        uint32_t n = glen < 8 ? glen : 8;
        uint8_t *g = lock_user(gval, n, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        memcpy(g, b, n);
        g_st32(lp, n, BE);
        return 0;
    }
    case OK_FPROG: {
        /* SO_GET_FILTER: the length counts sock_filter blocks. */
        uint32_t blocks = glen > BPF_MAXINSNS ? BPF_MAXINSNS : glen;
        uint8_t *g = lock_user(gval, blocks * (uint32_t)sizeof(struct sock_filter), PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        hl = blocks;
        if (getsockopt(fd, level, name, blocks ? g : NULL, &hl) < 0) {
            return -errno;
        }
        if (blocks) {
            net_swap_layout(l_sock_filter, g, (size_t)(hl < blocks ? hl : blocks) * sizeof(struct sock_filter), BE);
        }
        g_st32(lp, hl, BE);
        return 0;
    }
    case OK_GROUP_REQ:
    case OK_GROUP_SOURCE_REQ:
    case OK_NONE:
    case -1: {
        /* Set-only, unconvertible or unknown: the host decides whether it
         * exists; an unknown value is passed on when it is an int. */
        uint8_t buf[256];
        hl = glen < sizeof(buf) ? glen : sizeof(buf);
        if (getsockopt(fd, level, name, buf, &hl) < 0) {
            return -errno;
        }
        if (kind != -1 || hl > 4) {
            net_warn_once("socket option", level, name);
            return -ENOPROTOOPT;
        }
        uint8_t *g = lock_user(gval, hl, PROT_WRITE);
        if (!g) {
            return -EFAULT;
        }
        net_swap_layout(INTS, buf, hl, BE);
        memcpy(g, buf, hl);
        g_st32(lp, hl, BE);
        return 0;
    }
    default:
        break;
    }

    /* Same layout: the host writes into the guest's buffer. */
    uint8_t *g = lock_user(gval, glen, PROT_WRITE);
    if (!g) {
        return -EFAULT;
    }
    hl = glen;
    if (getsockopt(fd, level, name, glen ? g : NULL, &hl) < 0) {
        int e = errno;
        if (e == ERANGE) {
            g_st32(lp, hl, BE);     /* the size needed (SO_PEERSEC, SO_PEERGROUPS) */
        }
        return -e;
    }
    uint32_t n = hl < glen ? hl : glen;
    switch (kind) {
    case OK_TYPE: {
        int v;
        if (n >= 4) {
            memcpy(&v, g, 4);
            int_to_guest(g, n, (int)net_socktype_to_guest(a, v), BE);
        }
        break;
    }
    case OK_ERRNO: {
        int v;
        if (n >= 4) {
            memcpy(&v, g, 4);
            int_to_guest(g, n, num_to_guest(a->ua->errnos, v), BE);
        }
        break;
    }
    case OK_SOCKADDR:
        net_sockaddr_swap(g, n, BE, false);
        break;
    case OK_WORD:
        net_swap_layout(n >= 8 ? S64S : INTS, g, n >= 8 ? 8 : n, BE);
        break;
    default:
        net_swap_layout(d->layout, g, n, BE);
        break;
    }
    g_st32(lp, hl, BE);
    return 0;
}
