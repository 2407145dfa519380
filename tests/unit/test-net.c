/*
 * Socket syscall conversions for guests the guest tests cannot cover yet:
 * a big-endian guest (the ARM ABI with big_endian set) and an ABI whose
 * SOCK_* values, SOL_SOCKET level and option numbers differ (MIPS-like
 * tables).  The handlers run on real host sockets with guest memory in the
 * window.
 */
#include <check.h>
#include <fcntl.h>
#include <linux/netlink.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

#include "linux-user/mmap.h"
#include "linux-user/user.h"
#include "syscall/net.h"
#include "tcg/tb.h"

#define MEM 0x40000000u
#define MEM_SIZE 0x10000u

static UserArchOps be_ops;          /* arm_user, big-endian */
static UserArchOps mips_ops;        /* arm_user with MIPS-like socket numbering */
static const FlagConv *mips_flags[GF_NB];

static const FlagConv mips_socktype[] = {
    { 0xf, 1, 0xf, SOCK_DGRAM }, { 0xf, 2, 0xf, SOCK_STREAM }, { 0xf, 3, 0xf, SOCK_RAW },
    { 0xf, 4, 0xf, SOCK_RDM }, { 0xf, 5, 0xf, SOCK_SEQPACKET }, { 0xf, 6, 0xf, SOCK_DCCP },
    { 0xf, 10, 0xf, SOCK_PACKET },
    { 0x80, 0x80, SOCK_NONBLOCK, SOCK_NONBLOCK }, { 02000000, 02000000, SOCK_CLOEXEC, SOCK_CLOEXEC },
    { 0, 0, 0, 0 },
};
static const FlagConv mips_level[] = { { ~0u, 0xffff, ~0u, SOL_SOCKET }, { 0, 0, 0, 0 } };
static const FlagConv mips_sockopt[] = {
    { ~0u, 0x0004, ~0u, SO_REUSEADDR }, { ~0u, 0x1002, ~0u, SO_RCVBUF }, { ~0u, 0x1008, ~0u, SO_TYPE },
    { ~0u, 0x1006, ~0u, SO_RCVTIMEO }, { 0, 0, 0, 0 },
};

static void setup(void)
{
    static bool done;
    if (!done) {
        guest_mem_init(0xc0000000u);
        tb_cache_init(16u << 20);
        ck_assert_uint_eq(target_mmap(MEM, MEM_SIZE, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
                                      -1, 0), MEM);
        be_ops = arm_user;
        be_ops.big_endian = true;
        mips_ops = arm_user;
        memcpy(mips_flags, arm_user.flags, sizeof(mips_flags));
        mips_flags[GF_SOCKTYPE] = mips_socktype;
        mips_flags[GF_SOCKLEVEL] = mips_level;
        mips_flags[GF_SOCKOPT] = mips_sockopt;
        mips_ops.flags = mips_flags;
        done = true;
    }
    memset(g2h(MEM), 0, MEM_SIZE);
}

static SyscallArgs args(const UserArchOps *ua, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4,
                        uint32_t a5)
{
    SyscallArgs a;
    memset(&a, 0, sizeof(a));
    a.ua = ua;
    a.a[0] = a0;
    a.a[1] = a1;
    a.a[2] = a2;
    a.a[3] = a3;
    a.a[4] = a4;
    a.a[5] = a5;
    return a;
}

static uint8_t *G(uint32_t off) { return g2h(MEM + off); }
static void be32(uint32_t off, uint32_t v) { g_st32(G(off), v, true); }
static uint32_t rd32(uint32_t off) { return g_ld32(G(off), true); }

START_TEST(test_be_sockaddr)
{
    /* A big-endian guest's sockaddr_in: family 00 02, port/address as is. */
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    ck_assert_int_ge(s, 0);
    uint8_t sin[16] = { 0, AF_INET, 0, 0, 127, 0, 0, 1 };
    memcpy(G(0x100), sin, sizeof(sin));
    SyscallArgs a = args(&be_ops, (uint32_t)s, MEM + 0x100, 16, 0, 0, 0);
    ck_assert_int_eq(sys_bind(&a), 0);
    be32(0x200, 16);
    a = args(&be_ops, (uint32_t)s, MEM + 0x180, MEM + 0x200, 0, 0, 0);
    ck_assert_int_eq(sys_getsockname(&a), 0);
    ck_assert_uint_eq(rd32(0x200), 16);
    ck_assert_uint_eq(G(0x180)[0], 0);
    ck_assert_uint_eq(G(0x180)[1], AF_INET);
    ck_assert_int_eq(memcmp(G(0x184), "\x7f\0\0\1", 4), 0);
    struct sockaddr_in h;
    socklen_t hl = sizeof(h);
    ck_assert_int_eq(getsockname(s, (struct sockaddr *)&h, &hl), 0);
    ck_assert_int_eq(memcmp(&h.sin_port, G(0x182), 2), 0);
    close(s);

    /* Host-order fields of other families swap; the rest stays. */
    uint8_t nl[12] = { 0, AF_NETLINK, 0, 0, 0, 0, 0x12, 0x34, 0, 0, 0, 5 };
    net_sockaddr_swap(nl, sizeof(nl), true, true);
    struct sockaddr_nl hnl;
    memcpy(&hnl, nl, sizeof(hnl));
    ck_assert_uint_eq(hnl.nl_family, AF_NETLINK);
    ck_assert_uint_eq(hnl.nl_pid, 0x1234);
    ck_assert_uint_eq(hnl.nl_groups, 5);
    net_sockaddr_swap(nl, sizeof(nl), true, false);
    ck_assert_uint_eq(nl[1], AF_NETLINK);
    ck_assert_uint_eq(nl[7], 0x34);

    struct sockaddr_in6 s6;
    memset(&s6, 0, sizeof(s6));
    s6.sin6_family = AF_INET6;
    s6.sin6_port = htons(99);
    s6.sin6_scope_id = 3;
    net_sockaddr_swap((uint8_t *)&s6, sizeof(s6), true, false);
    ck_assert_uint_eq(((uint8_t *)&s6)[1], AF_INET6);
    ck_assert_uint_eq(ntohs(s6.sin6_port), 99);
    ck_assert_uint_eq(((uint8_t *)&s6)[27], 3);
}
END_TEST

START_TEST(test_be_rights_and_creds)
{
    int sv[2];
    ck_assert_int_eq(socketpair(AF_UNIX, SOCK_DGRAM, 0, sv), 0);
    int one = 1;
    ck_assert_int_eq(setsockopt(sv[1], SOL_SOCKET, SO_PASSCRED, &one, sizeof(one)), 0);
    /* Guest msghdr at 0x000: iov at 0x40, data at 0x80, control at 0x100. */
    memcpy(G(0x80), "hello", 5);
    be32(0x40, MEM + 0x80);
    be32(0x44, 5);
    be32(0x08, MEM + 0x40);
    be32(0x0c, 1);
    be32(0x10, MEM + 0x100);
    be32(0x14, 12 + 4 + 12 + 12);
    /* SCM_RIGHTS with stdin, then SCM_CREDENTIALS, 4-byte aligned. */
    be32(0x100, 16);
    be32(0x104, SOL_SOCKET);
    be32(0x108, SCM_RIGHTS);
    be32(0x10c, 0);
    be32(0x110, 24);
    be32(0x114, SOL_SOCKET);
    be32(0x118, SCM_CREDENTIALS);
    be32(0x11c, (uint32_t)getpid());
    be32(0x120, (uint32_t)getuid());
    be32(0x124, (uint32_t)getgid());
    SyscallArgs a = args(&be_ops, (uint32_t)sv[0], MEM, 0, 0, 0, 0);
    ck_assert_int_eq(sys_sendmsg(&a), 5);

    /* Receive into a guest msghdr at 0x400 with 64 bytes of control. */
    be32(0x440, MEM + 0x480);
    be32(0x444, 16);
    be32(0x408, MEM + 0x440);
    be32(0x40c, 1);
    be32(0x410, MEM + 0x500);
    be32(0x414, 64);
    a = args(&be_ops, (uint32_t)sv[1], MEM + 0x400, 0, 0, 0, 0);
    ck_assert_int_eq(sys_recvmsg(&a), 5);
    ck_assert_int_eq(memcmp(G(0x480), "hello", 5), 0);
    ck_assert_uint_eq(rd32(0x418), 0);                 /* msg_flags */
    ck_assert_uint_eq(rd32(0x414), 24 + 16);           /* creds first, then rights */
    ck_assert_uint_eq(rd32(0x500), 24);
    ck_assert_uint_eq(rd32(0x504), SOL_SOCKET);
    ck_assert_uint_eq(rd32(0x508), SCM_CREDENTIALS);
    ck_assert_uint_eq(rd32(0x50c), (uint32_t)getpid());
    ck_assert_uint_eq(rd32(0x510), (uint32_t)getuid());
    ck_assert_uint_eq(rd32(0x518), 16);
    ck_assert_uint_eq(rd32(0x51c), SOL_SOCKET);
    ck_assert_uint_eq(rd32(0x520), SCM_RIGHTS);
    int fd = (int)rd32(0x524);
    struct stat x, y;
    ck_assert_int_eq(fstat(fd, &x), 0);
    ck_assert_int_eq(fstat(0, &y), 0);
    ck_assert(x.st_ino == y.st_ino && x.st_dev == y.st_dev);
    close(fd);

    /* Room for the credentials only: the descriptor is dropped, MSG_CTRUNC. */
    a = args(&be_ops, (uint32_t)sv[0], MEM, 0, 0, 0, 0);
    ck_assert_int_eq(sys_sendmsg(&a), 5);
    int probe = dup(0);
    close(probe);
    be32(0x414, 24);
    a = args(&be_ops, (uint32_t)sv[1], MEM + 0x400, 0, 0, 0, 0);
    ck_assert_int_eq(sys_recvmsg(&a), 5);
    ck_assert_uint_eq(rd32(0x414), 24);
    ck_assert_uint_eq(rd32(0x418), MSG_CTRUNC);
    int after = dup(0);
    ck_assert_int_eq(after, probe);
    close(after);
    close(sv[0]);
    close(sv[1]);
}
END_TEST

START_TEST(test_be_timestamps)
{
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in sa = { .sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK) };
    socklen_t l = sizeof(sa);
    ck_assert_int_eq(bind(s, (struct sockaddr *)&sa, sizeof(sa)), 0);
    ck_assert_int_eq(getsockname(s, (struct sockaddr *)&sa, &l), 0);
    /* SO_TIMESTAMP_OLD through the guest setsockopt, a big-endian 1. */
    be32(0x10, 1);
    SyscallArgs a = args(&be_ops, (uint32_t)s, SOL_SOCKET, 29, MEM + 0x10, 4, 0);
    ck_assert_int_eq(sys_setsockopt(&a), 0);
    int v = 0;
    l = sizeof(v);
    ck_assert_int_eq(getsockopt(s, SOL_SOCKET, 29, &v, &l), 0);
    ck_assert_int_eq(v, 1);
    ck_assert_int_eq(sendto(s, "t", 1, 0, (struct sockaddr *)&sa, sizeof(sa)), 1);
    struct timeval now;
    gettimeofday(&now, NULL);
    be32(0x440, MEM + 0x480);
    be32(0x444, 16);
    be32(0x408, MEM + 0x440);
    be32(0x40c, 1);
    be32(0x410, MEM + 0x500);
    be32(0x414, 64);
    a = args(&be_ops, (uint32_t)s, MEM + 0x400, 0, 0, 0, 0);
    ck_assert_int_eq(sys_recvmsg(&a), 1);
    ck_assert_uint_eq(rd32(0x414), 20);
    ck_assert_uint_eq(rd32(0x500), 20);
    ck_assert_uint_eq(rd32(0x508), 29);
    int32_t sec = (int32_t)rd32(0x50c), usec = (int32_t)rd32(0x510);
    ck_assert(sec >= now.tv_sec - 2 && sec <= now.tv_sec + 2);
    ck_assert(usec >= 0 && usec < 1000000);

    /* SO_RCVTIMEO_OLD: a 32-bit big-endian timeval, both ways. */
    be32(0x20, 1);
    be32(0x24, 500000);
    a = args(&be_ops, (uint32_t)s, SOL_SOCKET, SO_RCVTIMEO, MEM + 0x20, 8, 0);
    ck_assert_int_eq(sys_setsockopt(&a), 0);
    struct timeval tv;
    l = sizeof(tv);
    ck_assert_int_eq(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &l), 0);
    ck_assert_int_eq(tv.tv_sec, 1);
    ck_assert_int_eq(tv.tv_usec, 500000);
    be32(0x30, 8);
    a = args(&be_ops, (uint32_t)s, SOL_SOCKET, SO_RCVTIMEO, MEM + 0x40, MEM + 0x30, 0);
    ck_assert_int_eq(sys_getsockopt(&a), 0);
    ck_assert_uint_eq(rd32(0x30), 8);
    ck_assert_uint_eq(rd32(0x40), 1);
    ck_assert_uint_eq(rd32(0x44), 500000);
    /* SO_RCVTIMEO_NEW: two big-endian 64-bit words. */
    g_st64(G(0x50), 2, true);
    g_st64(G(0x58), 0, true);
    a = args(&be_ops, (uint32_t)s, SOL_SOCKET, 66, MEM + 0x50, 16, 0);
    ck_assert_int_eq(sys_setsockopt(&a), 0);
    l = sizeof(tv);
    ck_assert_int_eq(getsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, &l), 0);
    ck_assert_int_eq(tv.tv_sec, 2);
    ck_assert_int_eq(tv.tv_usec, 0);
    /* An int option reads back big-endian. */
    be32(0x60, 6);
    a = args(&be_ops, (uint32_t)s, SOL_SOCKET, SO_PRIORITY, MEM + 0x60, 4, 0);
    ck_assert_int_eq(sys_setsockopt(&a), 0);
    be32(0x30, 4);
    a = args(&be_ops, (uint32_t)s, SOL_SOCKET, SO_PRIORITY, MEM + 0x70, MEM + 0x30, 0);
    ck_assert_int_eq(sys_getsockopt(&a), 0);
    ck_assert_uint_eq(rd32(0x70), 6);
    close(s);
}
END_TEST

START_TEST(test_abi_numbering)
{
    /* MIPS-like: SOCK_STREAM is 2, SOCK_NONBLOCK 0x80. */
    SyscallArgs a = args(&mips_ops, AF_UNIX, 2 | 0x80, 0, 0, 0, 0);
    int64_t s = sys_socket(&a);
    ck_assert_int_ge(s, 0);
    int v = 0;
    socklen_t l = sizeof(v);
    ck_assert_int_eq(getsockopt((int)s, SOL_SOCKET, SO_TYPE, &v, &l), 0);
    ck_assert_int_eq(v, SOCK_STREAM);
    ck_assert(fcntl((int)s, F_GETFL) & O_NONBLOCK);
    /* SO_TYPE is 0x1008 at level 0xffff, and answers 2. */
    g_st32(G(0x30), 4, false);
    a = args(&mips_ops, (uint32_t)s, 0xffff, 0x1008, MEM + 0x40, MEM + 0x30, 0);
    ck_assert_int_eq(sys_getsockopt(&a), 0);
    ck_assert_uint_eq(g_ld32(G(0x40), false), 2);
    /* SO_REUSEADDR is 4 there. */
    g_st32(G(0x50), 1, false);
    a = args(&mips_ops, (uint32_t)s, 0xffff, 4, MEM + 0x50, 4, 0);
    ck_assert_int_eq(sys_setsockopt(&a), 0);
    l = sizeof(v);
    ck_assert_int_eq(getsockopt((int)s, SOL_SOCKET, SO_REUSEADDR, &v, &l), 0);
    ck_assert_int_eq(v, 1);
    close((int)s);
    /* Bits the table does not know are refused. */
    a = args(&mips_ops, AF_UNIX, 2 | 0x4000, 0, 0, 0, 0);
    ck_assert_int_eq(sys_socket(&a), -EINVAL);
    /* SOCK_DGRAM (1) pair, accept4 flags through the same table. */
    a = args(&mips_ops, AF_UNIX, 1, 0, MEM + 0x60, 0, 0);
    ck_assert_int_eq(sys_socketpair(&a), 0);
    int p0 = (int)g_ld32(G(0x60), false), p1 = (int)g_ld32(G(0x64), false);
    l = sizeof(v);
    ck_assert_int_eq(getsockopt(p0, SOL_SOCKET, SO_TYPE, &v, &l), 0);
    ck_assert_int_eq(v, SOCK_DGRAM);
    close(p0);
    close(p1);
}
END_TEST

START_TEST(test_socketcall)
{
    /* socketcall(SYS_SOCKETPAIR, args) then SYS_SEND/SYS_RECV, big-endian. */
    be32(0x00, AF_UNIX);
    be32(0x04, SOCK_STREAM);
    be32(0x08, 0);
    be32(0x0c, MEM + 0x20);
    SyscallArgs a = args(&be_ops, 8, MEM, 0, 0, 0, 0);
    ck_assert_int_eq(sys_socketcall(&a), 0);
    uint32_t s0 = rd32(0x20), s1 = rd32(0x24);
    memcpy(G(0x100), "abc", 3);
    be32(0x30, s0);
    be32(0x34, MEM + 0x100);
    be32(0x38, 3);
    be32(0x3c, 0);
    a = args(&be_ops, 9, MEM + 0x30, 0, 0, 0, 0);
    ck_assert_int_eq(sys_socketcall(&a), 3);
    be32(0x30, s1);
    be32(0x34, MEM + 0x200);
    be32(0x38, 16);
    a = args(&be_ops, 10, MEM + 0x30, 0, 0, 0, 0);
    ck_assert_int_eq(sys_socketcall(&a), 3);
    ck_assert_int_eq(memcmp(G(0x200), "abc", 3), 0);
    a = args(&be_ops, 99, MEM + 0x30, 0, 0, 0, 0);
    ck_assert_int_eq(sys_socketcall(&a), -EINVAL);
    a = args(&be_ops, 9, 0xc0000000u, 0, 0, 0, 0);
    ck_assert_int_eq(sys_socketcall(&a), -EFAULT);
    close((int)s0);
    close((int)s1);
}
END_TEST

int main(void)
{
    Suite *s = suite_create("net");
    TCase *tc = tcase_create("conversions");
    tcase_add_checked_fixture(tc, setup, NULL);
    tcase_add_test(tc, test_be_sockaddr);
    tcase_add_test(tc, test_be_rights_and_creds);
    tcase_add_test(tc, test_be_timestamps);
    tcase_add_test(tc, test_abi_numbering);
    tcase_add_test(tc, test_socketcall);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_set_fork_status(sr, CK_NOFORK);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? 1 : 0;
}
